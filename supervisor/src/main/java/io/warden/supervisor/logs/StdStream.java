package io.warden.supervisor.logs;

/** The two output streams of a child, named as they are marked in the log file. Immutable. */
enum StdStream {
    OUT("out"),
    ERR("err");

    final String tag;
    final byte[] tagBytes;

    StdStream(String tag) {
        this.tag = tag;
        this.tagBytes = tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static StdStream ofTag(String tag) {
        for (StdStream s : values()) {
            if (s.tag.equals(tag)) {
                return s;
            }
        }
        return null;
    }
}
