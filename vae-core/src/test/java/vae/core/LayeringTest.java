package vae.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.Signature;
import java.lang.classfile.attribute.SignatureAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the packages of module vae.core layered: a package may use packages of its own layer only when
 * the pair is listed as allowed, packages of lower layers freely, and never a package of a higher layer;
 * packages may not form a cycle; and every package must be placed in the table deliberately.
 *
 * <p>The dependencies are read from the compiled classes in {@code target/classes} with the ClassFile
 * API: every class named in a constant pool, directly or inside a descriptor or generic signature (so a
 * field type, a parameter or return type, a {@code new}, a cast, a lambda's type all count). Constants
 * that javac inlines and references that live only in Javadoc leave no trace in the class file, so they
 * are not seen.
 */
class LayeringTest {

    /** The layers of vae.core, bottom to top (index 0 is layer 1). */
    static final LayerTable VAE_CORE = new LayerTable(
            List.of(
                    /* 1 */ Set.of("vae.core.tensor", "vae.core.random", "vae.core.io", "vae.core.data",
                            "vae.core.table"),
                    /* 2 */ Set.of("vae.core.backend"),
                    /* 3 */ Set.of("vae.core.graph"),
                    /* 4 */ Set.of("vae.core.nn", "vae.core.loss"),
                    /* 5 */ Set.of("vae.core.optim"),
                    /* 6 */ Set.of("vae.core.spi"),
                    /* 7 */ Set.of("vae.core.train", "vae.core.eval", "vae.core.image"),
                    // The checkpoint metadata records the run's training settings (train.Binarization),
                    // so checkpoint sits above train rather than beside it.
                    /* 8 */ Set.of("vae.core.checkpoint"),
                    /* 9 */ Set.of("vae.api")),
            // Tables report user-fixable problems as the data layer's DataException.
            Set.of(new Use("vae.core.table", "vae.core.data")));

    /** A use of package {@code to} by package {@code from}. */
    record Use(String from, String to) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    /**
     * The layer table: {@code layers.get(0)} is layer 1, the bottom; {@code allowedSameLayer} lists the
     * uses between two packages of one layer that are permitted (one direction each).
     */
    record LayerTable(List<Set<String>> layers, Set<Use> allowedSameLayer) {

        /** The 1-based layer of the package, or 0 when the table does not list it. */
        int layerOf(String pkg) {
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i).contains(pkg)) {
                    return i + 1;
                }
            }
            return 0;
        }

        /** Mistakes in the table itself: a package in two layers, an allowed pair not within one layer. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            Map<String, List<Integer>> where = new TreeMap<>();
            for (int i = 0; i < layers.size(); i++) {
                for (String pkg : layers.get(i)) {
                    where.computeIfAbsent(pkg, k -> new ArrayList<>()).add(i + 1);
                }
            }
            where.forEach((pkg, in) -> {
                if (in.size() > 1) {
                    problems.add("layer table lists " + pkg + " in more than one layer: " + in);
                }
            });
            for (Use allowed : allowedSameLayer.stream().sorted(Comparator.comparing(Use::toString)).toList()) {
                int from = layerOf(allowed.from());
                int to = layerOf(allowed.to());
                if (from == 0 || from != to) {
                    problems.add("layer table allows " + allowed + " but the two are not in one layer (layers "
                            + from + " and " + to + ")");
                }
            }
            return problems;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The checker: pure, no I/O.

    /** {@link #violations(Map, LayerTable)} for uses without evidence. */
    static List<String> violationsOfPlainUses(Map<String, ? extends Set<String>> uses, LayerTable table) {
        Map<String, Map<String, Set<String>>> withoutEvidence = new TreeMap<>();
        uses.forEach((from, tos) -> {
            Map<String, Set<String>> m = withoutEvidence.computeIfAbsent(from, k -> new TreeMap<>());
            tos.forEach(to -> m.put(to, Set.of()));
        });
        return violations(withoutEvidence, table);
    }

    /**
     * Every layering violation, as readable lines.
     *
     * @param uses package -> package it uses -> evidence ("vae/core/graph/Graph.class -> vae.core.spi.Model"),
     *     possibly empty; a package's uses of itself are ignored
     * @param table the layer table
     */
    static List<String> violations(Map<String, ? extends Map<String, ? extends Collection<String>>> uses,
            LayerTable table) {
        List<String> out = new ArrayList<>(table.problems());

        Set<String> packages = new TreeSet<>(uses.keySet());
        uses.values().forEach(m -> packages.addAll(m.keySet()));
        for (String pkg : packages) {
            if (table.layerOf(pkg) == 0) {
                out.add(pkg + " is not in the layer table: add it to the layer table");
            }
        }

        for (String from : new TreeSet<>(uses.keySet())) {
            Map<String, ? extends Collection<String>> tos = uses.get(from);
            int fromLayer = table.layerOf(from);
            for (String to : new TreeSet<>(tos.keySet())) {
                int toLayer = table.layerOf(to);
                if (from.equals(to) || fromLayer == 0 || toLayer == 0) {
                    continue; // unknown packages are reported above
                }
                String reason = null;
                if (toLayer > fromLayer) {
                    reason = "layer " + toLayer + " > " + fromLayer;
                } else if (toLayer == fromLayer && !table.allowedSameLayer().contains(new Use(from, to))) {
                    reason = "both in layer " + toLayer + ", not listed as allowed";
                }
                if (reason != null) {
                    out.add(from + " uses " + to + " (" + reason + ")" + evidence(tos.get(to)));
                }
            }
        }

        out.addAll(cycles(uses));
        return out;
    }

    private static String evidence(Collection<String> edges) {
        return edges == null || edges.isEmpty() ? "" : ": " + String.join(", ", new TreeSet<>(edges));
    }

    /** One line per group of packages that depend on each other in a circle, with a shortest such circle. */
    static List<String> cycles(Map<String, ? extends Map<String, ?>> uses) {
        Map<String, SortedSet<String>> graph = new TreeMap<>();
        uses.forEach((from, tos) -> {
            SortedSet<String> next = graph.computeIfAbsent(from, k -> new TreeSet<>());
            tos.keySet().stream().filter(to -> !to.equals(from)).forEach(next::add);
            next.forEach(to -> graph.computeIfAbsent(to, k -> new TreeSet<>()));
        });
        Map<String, Set<String>> reach = new HashMap<>();
        for (String pkg : graph.keySet()) {
            reach.put(pkg, reachable(graph, pkg));
        }
        List<String> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String pkg : graph.keySet()) { // sorted, so each group starts at its smallest name
            if (done.contains(pkg) || !reach.get(pkg).contains(pkg)) {
                continue;
            }
            SortedSet<String> group = new TreeSet<>();
            for (String other : reach.get(pkg)) {
                if (reach.get(other).contains(pkg)) {
                    group.add(other);
                }
            }
            done.addAll(group);
            List<String> circle = shortestCircle(graph, pkg, group);
            out.add("packages form a cycle: " + String.join(" -> ", circle)
                    + (group.size() > circle.size() - 1 ? " (all mutually dependent: " + group + ")" : ""));
        }
        return out;
    }

    /** The packages reachable from {@code start} by one or more uses. */
    private static Set<String> reachable(Map<String, SortedSet<String>> graph, String start) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(graph.get(start));
        while (!todo.isEmpty()) {
            String pkg = todo.pop();
            if (seen.add(pkg)) {
                todo.addAll(graph.get(pkg));
            }
        }
        return seen;
    }

    /** start -> ... -> start, as short as possible, staying within the group. */
    private static List<String> shortestCircle(Map<String, SortedSet<String>> graph, String start, Set<String> group) {
        Map<String, String> cameFrom = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        for (String next : graph.get(start)) {
            if (group.contains(next) && !cameFrom.containsKey(next)) {
                cameFrom.put(next, start);
                queue.add(next);
            }
        }
        while (!queue.isEmpty() && !cameFrom.containsKey(start)) {
            String pkg = queue.poll();
            for (String next : graph.get(pkg)) {
                if (group.contains(next) && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, pkg);
                    queue.add(next);
                }
            }
        }
        List<String> circle = new ArrayList<>();
        String at = start;
        do {
            circle.addFirst(at);
            at = cameFrom.get(at);
        } while (!at.equals(start));
        circle.addFirst(start);
        return circle;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the class files.

    /** A class type inside a field/method descriptor or a generic signature: {@code Lpkg/Name;} or {@code Lpkg/Name<}. */
    private static final Pattern CLASS_IN_DESCRIPTOR = Pattern.compile("L([^;<>:.()\\[\\]]+)[;<]");

    /**
     * package -> package it uses -> evidence, for every class under {@code root} (module-info excluded),
     * including uses of packages outside root (java.*, libraries).
     */
    static Map<String, Map<String, SortedSet<String>>> scan(Path root) throws IOException {
        Map<String, Map<String, SortedSet<String>>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.class"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            String pkg = packageOf(model.thisClass().asInternalName());
            String where = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            Map<String, SortedSet<String>> mine = uses.computeIfAbsent(pkg, k -> new TreeMap<>());
            for (String used : referencedClasses(model)) {
                String usedPkg = packageOf(used);
                if (!usedPkg.equals(pkg)) {
                    mine.computeIfAbsent(usedPkg, k -> new TreeSet<>()).add(where + " -> " + used.replace('/', '.'));
                }
            }
        }
        return uses;
    }

    /**
     * The internal names of the classes a class file refers to: every class entry of its constant pool
     * (super types, {@code new}, casts, owners of fields and methods called, nest and inner classes...) and
     * every class inside a descriptor or signature held by the pool (types of fields, parameters, returns,
     * local variables, lambdas, generics, annotations). Strings that are only literals are skipped.
     */
    static Set<String> referencedClasses(ClassModel model) {
        Set<Integer> literals = new HashSet<>();
        for (PoolEntry entry : model.constantPool()) {
            if (entry instanceof StringEntry literal) {
                literals.add(literal.utf8().index());
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (PoolEntry entry : model.constantPool()) {
            switch (entry) {
                case ClassEntry c when c.asInternalName().startsWith("[") -> classesIn(c.asInternalName(), names);
                case ClassEntry c -> names.add(c.asInternalName());
                case Utf8Entry u when !literals.contains(u.index()) -> classesIn(u.stringValue(), names);
                default -> { }
            }
        }
        return names;
    }

    private static void classesIn(String descriptorOrSignature, Set<String> names) {
        Matcher m = CLASS_IN_DESCRIPTOR.matcher(descriptorOrSignature);
        while (m.find()) {
            names.add(m.group(1));
        }
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }

    /** Only the uses of the given packages (the module's own); the rest (JDK, libraries) is not layered here. */
    static Map<String, Map<String, SortedSet<String>>> restrictedTo(Map<String, Map<String, SortedSet<String>>> uses,
            Set<String> packages) {
        Map<String, Map<String, SortedSet<String>>> out = new TreeMap<>();
        uses.forEach((from, tos) -> out.put(from, tos.entrySet().stream()
                .filter(e -> packages.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new))));
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // The real check.

    @Test
    void vaeCorePackagesRespectTheLayers() throws IOException {
        Path classes = Path.of("target/classes");
        assertTrue(Files.isRegularFile(classes.resolve("vae/core/graph/Graph.class")),
                () -> "compiled classes not found in " + classes.toAbsolutePath());

        Map<String, Map<String, SortedSet<String>>> all = scan(classes);
        Map<String, Map<String, SortedSet<String>>> uses = restrictedTo(all, all.keySet());
        List<String> violations = new ArrayList<>(violations(uses, VAE_CORE));
        for (Set<String> layer : VAE_CORE.layers()) {
            for (String pkg : new TreeSet<>(layer)) {
                if (!uses.containsKey(pkg)) {
                    violations.add("layer table lists " + pkg + ", which has no classes in " + classes
                            + ": remove it from the layer table");
                }
            }
        }

        // The scan must actually see dependencies, or an empty result would pass vacuously.
        assertTrue(uses.get("vae.core.graph").containsKey("vae.core.tensor"), () -> "scan missed graph -> tensor: " + uses);

        assertTrue(violations.isEmpty(), () -> violations.size() + " layering violation(s) in module vae.core:\n  "
                + String.join("\n  ", violations));
    }

    // ---------------------------------------------------------------------------------------------
    // The checker and the scanner on synthetic input.

    private static final LayerTable SMALL = new LayerTable(
            List.of(Set.of("x.low", "x.side"), Set.of("x.mid"), Set.of("x.top")),
            Set.of());

    @Test
    void cleanMapGivesNoViolations() {
        Map<String, Set<String>> uses = Map.of(
                "x.top", Set.of("x.mid", "x.low", "x.side", "x.top"),
                "x.mid", Set.of("x.low"),
                "x.low", Set.of(),
                "x.side", Set.of());
        assertEquals(List.of(), violationsOfPlainUses(uses, SMALL));
    }

    @Test
    void upwardUseIsReportedWithItsEvidence() {
        Map<String, Map<String, Set<String>>> uses = Map.of(
                "x.low", Map.of("x.top", Set.of("x/low/B.class -> x.top.T", "x/low/A.class -> x.top.T$Inner")),
                "x.mid", Map.of("x.low", Set.of("x/mid/M.class -> x.low.A")),
                "x.top", Map.of());
        assertEquals(
                List.of("x.low uses x.top (layer 3 > 1): x/low/A.class -> x.top.T$Inner, x/low/B.class -> x.top.T"),
                violations(uses, SMALL));
    }

    @Test
    void sameLayerCrossUseIsReportedUnlessAllowed() {
        Map<String, Set<String>> uses = Map.of("x.low", Set.of("x.side"), "x.side", Set.of());
        assertEquals(List.of("x.low uses x.side (both in layer 1, not listed as allowed)"),
                violationsOfPlainUses(uses, SMALL));

        LayerTable allowing = new LayerTable(SMALL.layers(), Set.of(new Use("x.low", "x.side")));
        assertEquals(List.of(), violationsOfPlainUses(uses, allowing));
    }

    @Test
    void unknownPackageIsReported() {
        Map<String, Set<String>> uses = Map.of(
                "x.top", Set.of("x.low", "x.used.only"),
                "x.low", Set.of(),
                "x.extra", Set.of("x.low"));
        assertEquals(List.of(
                        "x.extra is not in the layer table: add it to the layer table",
                        "x.used.only is not in the layer table: add it to the layer table"),
                violationsOfPlainUses(uses, SMALL));
    }

    @Test
    void cycleIsReportedEvenWhenEachUseIsAllowed() {
        LayerTable bothWays = new LayerTable(SMALL.layers(),
                Set.of(new Use("x.low", "x.side"), new Use("x.side", "x.low")));
        Map<String, Set<String>> uses = Map.of("x.low", Set.of("x.side"), "x.side", Set.of("x.low"));
        assertEquals(List.of("packages form a cycle: x.low -> x.side -> x.low"), violationsOfPlainUses(uses, bothWays));
    }

    @Test
    void cycleThroughAnUpwardUseIsReportedToo() {
        Map<String, Set<String>> uses = Map.of(
                "x.low", Set.of("x.top"), "x.mid", Set.of("x.low"), "x.top", Set.of("x.mid"));
        assertEquals(List.of(
                        "x.low uses x.top (layer 3 > 1)",
                        "packages form a cycle: x.low -> x.top -> x.mid -> x.low"),
                violationsOfPlainUses(uses, SMALL));
    }

    @Test
    void tableMistakesAreReported() {
        LayerTable twice = new LayerTable(List.of(Set.of("x.a"), Set.of("x.a", "x.b")), Set.of(new Use("x.a", "x.b")));
        assertEquals(List.of(
                        "layer table lists x.a in more than one layer: [1, 2]",
                        "layer table allows x.a -> x.b but the two are not in one layer (layers 1 and 2)"),
                violationsOfPlainUses(Map.of(), twice));
    }

    @Test
    void scanSeesFieldParameterNewArrayAndGenericTypes(@TempDir Path root) throws IOException {
        ClassDesc self = ClassDesc.of("vae.core.graph.Upward");
        byte[] bytes = ClassFile.of().build(self, cb -> cb
                .withField("model", ClassDesc.of("vae.core.spi.Model"), ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC)
                .withField("checkpoints", ClassDesc.of("vae.core.checkpoint.Checkpoint").arrayType(),
                        ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC)
                .withField("summaries", ConstantDescs.CD_List, fb -> fb
                        .withFlags(ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC)
                        .with(SignatureAttribute.of(Signature.parseFrom("Ljava/util/List<Lvae/core/eval/EvaluationSummary;>;"))))
                .withMethod("take", MethodTypeDesc.of(ConstantDescs.CD_void, ClassDesc.of("vae.api.Vae")),
                        ClassFile.ACC_STATIC, mb -> mb.withCode(code -> code.return_()))
                .withMethod("make", MethodTypeDesc.of(ConstantDescs.CD_void), ClassFile.ACC_STATIC,
                        mb -> mb.withCode(code -> code
                                .new_(ClassDesc.of("vae.core.train.Trainer"))
                                .pop()
                                .ldc("Lvae/core/image/OnlyInAString;")
                                .pop()
                                .return_())));
        Path file = root.resolve("vae/core/graph/Upward.class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);

        Map<String, SortedSet<String>> used = scan(root).get("vae.core.graph");
        for (String expected : List.of("vae.core.spi.Model", "vae.core.checkpoint.Checkpoint",
                "vae.core.eval.EvaluationSummary", "vae.api.Vae", "vae.core.train.Trainer")) {
            String pkg = expected.substring(0, expected.lastIndexOf('.'));
            assertEquals(Set.of("vae/core/graph/Upward.class -> " + expected), used.get(pkg), () -> pkg + " in " + used);
        }
        assertTrue(!used.containsKey("vae.core.image"), () -> "a string literal is not a use: " + used);
        assertEquals(Set.of("vae.api", "vae.core.checkpoint", "vae.core.eval", "vae.core.spi", "vae.core.train"),
                restrictedTo(Map.of("vae.core.graph", used), Set.of("vae.api", "vae.core.checkpoint", "vae.core.eval",
                        "vae.core.spi", "vae.core.train", "vae.core.graph")).get("vae.core.graph").keySet());
    }
}
