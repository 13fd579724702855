package org.safeguardstats.config;

/**
 * A problem with what the user gave the job (job file, input file, column): the message names the
 * file, row or field. The job stops with exit code 2 and no stack trace.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
