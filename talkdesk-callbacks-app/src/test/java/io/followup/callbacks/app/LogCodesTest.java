package io.followup.callbacks.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/log-codes.md is the catalogue of every code in the sources, and each code's letter names its component. */
class LogCodesTest {

    private static final Pattern CODE = Pattern.compile("TDCB-[A-Z][0-9]{3}|TDSBX-[0-9]{3}");
    private static final Path TOP = Path.of("..").toAbsolutePath().normalize();
    /** The packages (under io/followup/callbacks/) each letter may be used in. */
    private static final Map<Character, Set<String>> COMPONENTS = Map.ofEntries(
            Map.entry('A', Set.of("app")), Map.entry('C', Set.of("settings", "config")),
            Map.entry('D', Set.of("delegate")), Map.entry('E', Set.of("engine")), Map.entry('H', Set.of("talkdesk")),
            Map.entry('K', Set.of("cockpit")), Map.entry('L', Set.of("cluster", "cluster/jdbc", "config")),
            Map.entry('M', Set.of("process")), Map.entry('P', Set.of("engine")), Map.entry('R', Set.of("request")),
            Map.entry('S', Set.of("booking")), Map.entry('T', Set.of("talkdesk", "talkdesk/auth")));

    @Test
    void shouldListEveryCodeOfTheSourcesAndNoOtherWithTheLetterOfItsComponent() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        try (Stream<Path> modules = Files.list(TOP)) {
            for (Path module : modules.filter(m -> m.getFileName().toString().startsWith("talkdesk-")).toList()) {
                Path sources = module.resolve("src/main/java/io/followup/callbacks");
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String pkg = sources.relativize(file.getParent()).toString().replace('\\', '/');
                        Matcher matcher = CODE.matcher(Files.readString(file));
                        while (matcher.find()) {
                            used.computeIfAbsent(matcher.group(), c -> new TreeSet<>()).add(pkg);
                        }
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(TOP.resolve("docs/log-codes.md"))) {
            Matcher row = Pattern.compile("^\\| `(" + CODE.pattern() + ")` \\|").matcher(line);
            if (row.find()) {
                documented.add(row.group(1));
            }
        }

        assertThat(used).isNotEmpty();
        assertThat(documented).as("codes in docs/log-codes.md").containsExactlyElementsOf(used.keySet());
        List<String> misplaced = new ArrayList<>();
        used.forEach((code, packages) -> {
            if (code.startsWith("TDCB-")) {
                Set<String> allowed = COMPONENTS.getOrDefault(code.charAt(5), Set.of());
                packages.stream().filter(p -> !allowed.contains(p)).forEach(p -> misplaced.add(code + " in " + p));
            }
        });
        assertThat(misplaced).as("codes whose letter is another component's").isEmpty();
    }
}
