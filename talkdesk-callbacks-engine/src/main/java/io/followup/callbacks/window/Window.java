package io.followup.callbacks.window;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * When something may happen: a customer's calling window, a ring group's opening hours, or a combination. Open or
 * closed at each instant; between two of its {@link #boundaries} it does not change, which is what lets
 * {@link CallingWindows} find the earliest time every window allows without stepping through the clock.
 */
interface Window {

    boolean isOpen(Instant time);

    /** Adds every instant in {@code [from, to]} at which this window may open or close. */
    void boundaries(Instant from, Instant to, Collection<Instant> into);

    /** Why it is closed at {@code time}, in plain words starting with its name; empty when open. */
    Optional<String> whyClosed(Instant time);

    /** Its rules in plain words, for the follow-up's variables and the Cockpit tab. */
    String describe();

    /** Open when every one of {@code windows} is. */
    static Window allOf(List<? extends Window> windows) {
        List<Window> restricting = windows.stream().filter(w -> w != ALWAYS).map(w -> (Window) w).toList();
        return restricting.isEmpty() ? ALWAYS : restricting.size() == 1 ? restricting.get(0)
                : new Combined(restricting, true);
    }

    /** Open when any one of {@code windows} is (several ring groups: whichever answers). */
    static Window anyOf(List<? extends Window> windows) {
        return windows.size() == 1 ? windows.get(0) : new Combined(List.copyOf(windows), false);
    }

    /** Open always. */
    Window ALWAYS = new Window() {
        @Override
        public boolean isOpen(Instant time) {
            return true;
        }

        @Override
        public void boundaries(Instant from, Instant to, Collection<Instant> into) {
        }

        @Override
        public Optional<String> whyClosed(Instant time) {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "any time";
        }
    };

    /** {@link #allOf} and {@link #anyOf}. */
    record Combined(List<Window> windows, boolean all) implements Window {

        @Override
        public boolean isOpen(Instant time) {
            return all ? windows.stream().allMatch(w -> w.isOpen(time)) : windows.stream().anyMatch(w -> w.isOpen(time));
        }

        @Override
        public void boundaries(Instant from, Instant to, Collection<Instant> into) {
            windows.forEach(w -> w.boundaries(from, to, into));
        }

        @Override
        public Optional<String> whyClosed(Instant time) {
            if (isOpen(time)) {
                return Optional.empty();
            }
            List<String> reasons = windows.stream().map(w -> w.whyClosed(time)).flatMap(Optional::stream).toList();
            return Optional.of(String.join(all ? "; " : " and ", reasons));
        }

        @Override
        public String describe() {
            return String.join(all ? "; " : " or ", windows.stream().map(Window::describe).toList());
        }
    }
}
