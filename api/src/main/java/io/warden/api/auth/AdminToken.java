package io.warden.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The daemon's admin token in {@code admin.token} in the state dir (mode 0600), generated on
 * first start and read by the CLI.
 */
public final class AdminToken {

    /** The file name in the state dir. */
    public static final String FILE = "admin.token";

    private AdminToken() {
    }

    /** Reads the token, creating it (0600, 256 random bits) when missing. */
    public static String loadOrCreate(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String token = HexFormat.of().formatHex(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file); // Windows: the state dir's ACL protects it
                } catch (FileAlreadyExistsException e) {
                    return read(file);
                }
                Files.writeString(file, token + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
                return token;
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the admin token " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an existing token file. */
    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
}
