package io.followup.callbacks.window;

import java.util.Locale;
import java.util.Optional;

/** Reads the window settings' enums as people write them: any case, dashes for underscores, surrounding blanks. */
final class Choices {

    private Choices() {
    }

    /** The value of {@code values} named by {@code text}, if there is one. */
    static <E extends Enum<E>> Optional<E> parse(E[] values, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : values) {
            if (value.name().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
