package io.andiag.analysis.backtest;

import java.nio.file.Path;

/** An input file the backtest refuses, with the file, the 1-based line (0 when it concerns the whole file) and why. */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public BadInputException(Path file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, 0 when the problem is not on one line. */
    public int line() {
        return line;
    }
}
