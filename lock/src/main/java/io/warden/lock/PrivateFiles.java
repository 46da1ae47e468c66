package io.warden.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The state dir's files are the daemon's alone: directories 0700 and files 0600 whatever the umask
 * (logs and the database hold what the API guards with a token), never opened through a symbolic
 * link (a link planted as {@code NAME.pid.tmp} would make Warden overwrite its target), and a
 * directory or token file another user can write is refused with what to run, as OpenSSH refuses
 * a {@code ~/.ssh} others can write. On a file system without POSIX permissions (Windows) only the
 * link checks apply: there the directory's ACL protects its files. Stateless; thread safe.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> OTHERS_ANY = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** Who runs Warden, looked up once: every service start checks the state dir. */
    private static final class Self {
        static final Optional<String> USER = ProcessHandle.current().info().user();
    }

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} (0700) when missing, else checks it: a directory (a link to one is
     * followed: the user chose where it points), owned by the user running Warden, that no other
     * user can write; group and other access is removed. Returns its real path.
     *
     * @throws LockException naming the directory, what is wrong and the command that fixes it
     */
    public static Path directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(dir)) {
                    throw new LockException("state directory " + dir.toAbsolutePath() + " is not a directory ("
                            + kind(dir) + "): remove it or choose another state dir");
                }
                createDirectories(dir);
            }
            Path real = dir.toRealPath();
            Optional<String> problem = ownerOrModeProblem(real, "state directory", OTHERS_WRITE, "chmod 700 ");
            if (problem.isPresent()) {
                throw new LockException(problem.get());
            }
            tighten(real, "rwx------");
            return real;
        } catch (IOException e) {
            throw new LockException("cannot create state directory " + dir.toAbsolutePath() + ": " + reason(e), e);
        }
    }

    /** Creates a directory inside the state dir, and its missing parents, 0700; never through a link. */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(dir)) {
            throw linkRefused(dir);
        }
        // Parents above the state dir may be links (a home on another disk): only missing ones are made.
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        try {
            if (posix(dir)) {
                Files.createDirectory(dir, DIR_MODE);
                tighten(dir, "rwx------"); // the umask may have taken bits the owner needs
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw linkRefused(dir);
            }
        }
    }

    /**
     * Opens a state file without following a link, creating it 0600 when {@code options} say so.
     *
     * @throws FileSystemException naming the file when it is a link or not a regular file
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return open(file, Set.of(options));
    }

    /** {@link #open(Path, OpenOption...)} with the options as a set. */
    public static FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
        Set<OpenOption> all = new HashSet<>(options);
        all.add(LinkOption.NOFOLLOW_LINKS);
        try {
            FileChannel channel = posix(file) ? FileChannel.open(file, all, FILE_MODE) : FileChannel.open(file, all);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                channel.close();
                throw new FileSystemException(file.toString(), null, "is " + kind(file)
                        + ", not a regular file: remove it");
            }
            return channel;
        } catch (IOException e) { // ELOOP is a bare IOException on the JDK
            if (Files.isSymbolicLink(file)) {
                throw linkRefused(file);
            }
            throw e;
        }
    }

    /** Opens a new state file for writing: an existing file or link of that name is removed first (not followed). */
    public static FileChannel create(Path file) throws IOException {
        Files.deleteIfExists(file); // removes a link itself, never its target
        return open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Removes group and other access from a file the daemon made before it was careful (0644 logs). */
    public static void tighten(Path file) throws IOException {
        tighten(file, "rw-------");
    }

    /**
     * Checks a secret the daemon reads (the admin token): a regular file, not a link, owned by the
     * user running Warden (or read by root), that no other user can read or write.
     *
     * @throws FileSystemException naming the file, what is wrong and the command that fixes it
     */
    public static void checkSecret(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw linkRefused(file);
        }
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "is " + kind(file) + ", not a regular file: "
                    + "remove it (the daemon makes a new one)");
        }
        Optional<String> problem = ownerOrModeProblem(file, "token file", OTHERS_ANY, "chmod 600 ");
        if (problem.isPresent()) {
            throw new AccessDeniedException(file.toString(), null, problem.get());
        }
    }

    /** What is wrong with who owns {@code path} and who may use it, with the fix; empty when nothing. */
    private static Optional<String> ownerOrModeProblem(Path path, String what, Set<PosixFilePermission> forbidden,
                                                       String fix) throws IOException {
        if (!posix(path)) {
            return Optional.empty();
        }
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        Optional<String> self = Self.USER;
        String owner = attributes.owner().getName();
        if (self.isPresent() && !self.get().equals(owner) && !self.get().equals("root")) {
            return Optional.of(what + " " + path + " is owned by " + owner + ", not by " + self.get()
                    + " who runs Warden: run 'chown " + self.get() + " " + path + "' or use another state dir");
        }
        Set<PosixFilePermission> bad = new HashSet<>(attributes.permissions());
        bad.retainAll(forbidden);
        if (!bad.isEmpty()) {
            return Optional.of(what + " " + path + " is open to other users (mode "
                    + PosixFilePermissions.toString(attributes.permissions()) + "): run '" + fix + path + "'");
        }
        return Optional.empty();
    }

    private static void tighten(Path path, String mode) throws IOException {
        if (!posix(path)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> wanted = PosixFilePermissions.fromString(mode);
        if (!now.equals(wanted)) {
            Optional<String> self = Self.USER;
            String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
            if (self.isEmpty() || self.get().equals(owner)) {
                Files.setPosixFilePermissions(path, wanted);
            }
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileSystemException linkRefused(Path file) {
        return new FileSystemException(file.toString(), null, "is a symbolic link; Warden never reads or writes "
                + "state files through links: remove it ('rm " + file + "')");
    }

    private static String kind(Path path) {
        if (Files.isSymbolicLink(path)) {
            return "a symbolic link";
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return "a directory";
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return "a regular file";
        }
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? "a special file" : "missing";
    }

    private static String reason(IOException e) {
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.toString();
    }

    /** The message of a refusal from {@link #open} and {@link #checkSecret}: the file, then why. */
    public static String message(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            if (fs.getReason() != null && fs.getReason().contains(fs.getFile())) {
                return fs.getReason();
            }
            return fs.getFile() + (fs.getReason() == null ? "" : ": " + fs.getReason());
        }
        return e.getMessage();
    }
}
