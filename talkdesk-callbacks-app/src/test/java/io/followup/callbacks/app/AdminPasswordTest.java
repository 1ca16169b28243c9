package io.followup.callbacks.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated admin password of the embedded default. */
class AdminPasswordTest {

    @Test
    void shouldKeepTheGeneratedPasswordInAFileOnlyItsOwnerCanRead(@TempDir Path data) throws Exception {
        Path file = data.resolve("admin-password.txt");

        AdminPassword generated = AdminPassword.load(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).trim()).isEqualTo(generated.value()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(AdminPassword.load(file).value()).as("a restart keeps it").isEqualTo(generated.value());
        assertThat(generated.toString()).doesNotContain(generated.value());
    }
}
