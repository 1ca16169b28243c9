package io.followup.callbacks.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin password of the embedded default when none is configured: generated once, kept in
 * {@code ./data/admin-password.txt} (owner-readable only, from its first byte) so restarts keep it, and never
 * logged. A configured
 * {@code camunda.bpm.admin-user.password} ({@code CAMUNDA_BPM_ADMINUSER_PASSWORD}) always wins.
 */
public record AdminPassword(String value, Path file) {

    public static final String PROPERTY = "camunda.bpm.admin-user.password";
    /** The property source that holds a generated password, only when none is configured. */
    public static final String GENERATED_SOURCE = "generatedAdminPassword";
    public static final Path DEFAULT_FILE = Path.of("data", "admin-password.txt");

    /** Reads the stored password, or generates and stores a new one. */
    public static AdminPassword forEmbeddedDefault() {
        return load(DEFAULT_FILE);
    }

    static AdminPassword load(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file).trim();
                if (!stored.isEmpty()) {
                    return new AdminPassword(stored, file);
                }
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file); // Windows: the file keeps the folder's permissions
            }
            Files.writeString(file, generated + "\n");
            return new AdminPassword(generated, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated admin password in " + file, e);
        }
    }

    @Override
    public String toString() {
        return "AdminPassword[****, file=" + file + "]";
    }
}
