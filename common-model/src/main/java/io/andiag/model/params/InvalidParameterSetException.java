package io.andiag.model.params;

/**
 * A parameter set that must not be loaded: half-written, inconsistent with its manifest, or from an incompatible code
 * version. The message names the version (or the directory) and the problem. A speed layer that gets it keeps
 * serving with the set it has.
 */
public class InvalidParameterSetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String version;

    public InvalidParameterSetException(String version, String problem) {
        super("parameter set " + version + ": " + problem);
        this.version = version;
    }

    public InvalidParameterSetException(String version, String problem, Throwable cause) {
        super("parameter set " + version + ": " + problem, cause);
        this.version = version;
    }

    /** The version (or directory, when no version could be read) that was refused. */
    public String version() {
        return version;
    }
}
