package io.warden.api.auth;

import io.warden.lock.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /**
     * Reads the token, creating it (0600, 256 random bits) when missing. A link, a non-regular
     * file, or one other users can read or write is refused with the fix, never read.
     */
    public static String loadOrCreate(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return read(file);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            try (FileChannel channel = PrivateFiles.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII)));
            } catch (FileAlreadyExistsException e) {
                return read(file); // another daemon made it first
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the admin token " + PrivateFiles.message(e), e);
        }
    }

    /**
     * Reads an existing token file: never through a link, and only when no other user can read or
     * write it (as OpenSSH refuses a private key others can read).
     */
    public static String read(Path file) throws IOException {
        PrivateFiles.checkSecret(file);
        try (FileChannel channel = PrivateFiles.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(4096);
            while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                // a token is 65 bytes; more than a page is not a token
            }
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).strip();
        }
    }
}
