package org.safeguardstats.counts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.schema.Column;
import org.safeguardstats.schema.DeclaredSchema;

/**
 * A spotlight of the Panel's annual report: a group of children (a category of one characteristic,
 * optionally within a category of another), its profile and the report's ratios about it. Every
 * spotlight is declared in {@code data-schemas/code-lists/spotlights.csv}, so a new one is a row
 * there, not code; this reads and checks that file.
 *
 * <p>Every figure of a spotlight is a share of one characteristic's category within one category of
 * another, so it is read from a two-way margin whose {@link CountTable#RECORDED} cell of the second
 * category is the share's denominator, with its incident-level sums (the share's design effect):
 *
 * <ul>
 *   <li>the group ({@link #groupMargin}): {@code group} = {@code groupCategory} among the children
 *       with {@code group} recorded (within {@code within} = {@code withinCategory} when given);
 *   <li>a profile by X ({@link #profileMargin}): each recorded category of X among the group's
 *       children with X recorded, from X × {@code group}; by incident type, from the group's own
 *       cells (an incident type is a key of every cell);
 *   <li>a ratio ({@link #ratioMargin}): {@code group} = {@code groupCategory} among the children
 *       with {@code group} recorded and W = w, from {@code group} × W.
 * </ul>
 *
 * A group of two characteristics (pre-school children whose parents have mental health needs) can
 * only be profiled by incident type: any other profile would need a three-way margin.
 *
 * @param id the spotlight's key in the output ({@code spotlight})
 * @param label what the report calls it
 * @param group the characteristic that defines the group
 * @param groupCategory the group's (recorded) category of it
 * @param within null, or the characteristic whose category the group is drawn from
 * @param withinCategory that category (null with {@code within})
 * @param profiles the group's profiles, in order
 * @param ratios the report's ratios about the group, in order
 */
public record Spotlight(
    String id,
    String label,
    Characteristic group,
    String groupCategory,
    Characteristic within,
    String withinCategory,
    List<Profile> profiles,
    List<Ratio> ratios) {

  /** The profile by incident type: a key of every cell, not a characteristic. */
  public static final String INCIDENT_TYPE = "incident_type";

  private static final String FILE = "spotlights.csv";

  /**
   * A profile of the group by one characteristic ({@code null}: by incident type), over every
   * incident type ({@link CountTable#ALL}) or within one (e.g. likely causes of the group's
   * deaths).
   */
  public record Profile(Characteristic characteristic, String incidentType) {
    public String name() {
      return characteristic == null ? INCIDENT_TYPE : characteristic.name();
    }

    /**
     * The categories with shares: the recorded ones; within one incident type, those its code list
     * says apply to it (likely_causes.csv's {@code applies_to}), so a death profile lists causes of
     * death only.
     */
    public List<String> categories() {
      if (characteristic == null) {
        return Characteristics.incidentTypes();
      }
      List<String> recorded = characteristic.recorded();
      String list =
          DeclaredSchema.input("incident")
              .column(characteristic.name())
              .map(Column::codeList)
              .orElse(null);
      if (incidentType.equals(CountTable.ALL) || list == null) {
        return recorded;
      }
      List<Map<String, String>> rows = CodeLists.rows(list);
      if (!rows.get(0).containsKey("applies_to")) {
        return recorded;
      }
      Set<String> applies =
          rows.stream()
              .filter(r -> r.get("applies_to").equals(incidentType))
              .map(r -> r.get("code"))
              .collect(Collectors.toSet());
      return recorded.stream().filter(applies::contains).toList();
    }
  }

  /** A ratio: the group's share among the children with {@code within} = {@code category}. */
  public record Ratio(Characteristic within, String category) {}

  /** Every declared spotlight, in the file's order. */
  public static final List<Spotlight> ALL = read();

  /** The margin whose cell is the group: one-way, or the group × its within characteristic. */
  public Margin groupMargin() {
    return within == null ? Margin.of(group) : Margin.of(group, within);
  }

  /** The group's second category in {@link #groupMargin}: "" for a one-way margin. */
  public String groupColumn() {
    return within == null ? "" : withinCategory;
  }

  /** Profile X × group, so shares of X within the group have the group's recorded cell. */
  public Margin profileMargin(Profile p) {
    return p.characteristic() == null ? groupMargin() : Margin.of(p.characteristic(), group);
  }

  /** Group × W, so the group's share among children with W = w has their recorded cell. */
  public Margin ratioMargin(Ratio r) {
    return Margin.of(group, r.within());
  }

  /** Every margin the spotlight reads. */
  public List<Margin> margins() {
    List<Margin> margins = new ArrayList<>(List.of(groupMargin()));
    profiles.forEach(p -> margins.add(profileMargin(p)));
    ratios.forEach(r -> margins.add(ratioMargin(r)));
    return margins;
  }

  private static List<Spotlight> read() {
    List<Spotlight> all = new ArrayList<>();
    for (Map<String, String> row : CodeLists.rows(FILE)) {
      String id = row.get("spotlight");
      Characteristic group = characteristic(id, row.get("group_characteristic"));
      String category = recorded(id, group, row.get("group_category"));
      Characteristic within =
          row.get("within_characteristic").isEmpty()
              ? null
              : characteristic(id, row.get("within_characteristic"));
      String withinCategory =
          within == null ? null : recorded(id, within, row.get("within_category"));
      List<Profile> profiles = new ArrayList<>();
      for (String p : list(row.get("profiles"))) {
        String[] parts = p.split("@", 2);
        String type = parts.length == 2 ? parts[1] : CountTable.ALL;
        if (!type.equals(CountTable.ALL) && !Characteristics.incidentTypes().contains(type)) {
          throw new IllegalStateException(FILE + ": " + id + ": no incident type " + type);
        }
        boolean byType = parts[0].equals(INCIDENT_TYPE);
        if (byType && !type.equals(CountTable.ALL)) {
          throw new IllegalStateException(
              FILE + ": " + id + ": a profile by incident type cannot be within one");
        }
        if (!byType && within != null) {
          throw new IllegalStateException(
              FILE
                  + ": "
                  + id
                  + ": a group of two characteristics can be profiled by incident type only"
                  + " (a profile by "
                  + parts[0]
                  + " would need a three-way margin)");
        }
        profiles.add(new Profile(byType ? null : characteristic(id, parts[0]), type));
      }
      List<Ratio> ratios = new ArrayList<>();
      for (String r : list(row.get("ratios"))) {
        String[] parts = r.split("=", 2);
        if (parts.length != 2) {
          throw new IllegalStateException(
              FILE + ": " + id + ": a ratio is characteristic=category, not " + r);
        }
        Characteristic w = characteristic(id, parts[0]);
        ratios.add(new Ratio(w, recorded(id, w, parts[1])));
      }
      all.add(
          new Spotlight(
              id,
              row.get("label"),
              group,
              category,
              within,
              withinCategory,
              List.copyOf(profiles),
              List.copyOf(ratios)));
    }
    return List.copyOf(all);
  }

  private static List<String> list(String cell) {
    return cell.isEmpty() ? List.of() : List.of(cell.split(";"));
  }

  private static Characteristic characteristic(String id, String name) {
    try {
      return Characteristics.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(FILE + ": " + id + ": " + e.getMessage(), e);
    }
  }

  private static String recorded(String id, Characteristic c, String category) {
    if (!c.recorded().contains(category)) {
      throw new IllegalStateException(
          FILE + ": " + id + ": " + category + " is not a recorded category of " + c.name());
    }
    return category;
  }
}
