package io.jenkins.plugins.kymamtls.jenkinsapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares every declared type and member of this module with the upstream signature list of the
 * pinned baseline, as the list's README describes, and fails on any difference.
 */
class SignatureConformanceTest {

    /** Types the plugin subclasses or implements: their superclass must be exact, their abstract methods declared. */
    private static final Set<String> EXTENDED = Set.of(
            "org.jenkinsci.plugins.workflow.steps.Step",
            "org.jenkinsci.plugins.workflow.steps.StepDescriptor",
            "org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution",
            "hudson.tasks.Builder",
            "hudson.tasks.BuildStepDescriptor",
            "jenkins.MasterToSlaveFileCallable");

    private record TypeLine(String fqn, String kind, String visibility, String mods, String superclass,
                            List<String> interfaces) {
    }

    private record MemberLine(String owner, String visibility, String scope, String kind, String returnType,
                              String key) {
    }

    private record FieldLine(String owner, String visibility, String scope, String type, String name, String flag) {
    }

    private static final Map<String, TypeLine> TYPES = new HashMap<>();
    private static final Map<String, Map<String, MemberLine>> MEMBERS = new HashMap<>();
    private static final Map<String, Map<String, FieldLine>> FIELDS = new HashMap<>();
    private static final Map<String, String[]> META = new HashMap<>();
    private static List<Class<?>> stubs;

    @BeforeAll
    static void load() throws Exception {
        Path list = Path.of(System.getProperty("jenkinsApi.signatures", "src/test/resources/signatures.txt"));
        if (!Files.isRegularFile(list)) {
            fail("signature list " + list.toAbsolutePath() + " is missing");
        }
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] p = line.split(" ");
            switch (p[0]) {
                case "TYPE" -> TYPES.put(p[1], new TypeLine(p[1], p[2], p[3], p[4], p[6],
                        p[8].equals("-") ? List.of() : List.of(p[8].split(","))));
                case "MEMBER" -> {
                    String signature = p[6];
                    MEMBERS.computeIfAbsent(p[1], k -> new HashMap<>())
                            .put(signature, new MemberLine(p[1], p[2], p[3], p[4], p[5], signature));
                }
                case "FIELD" -> FIELDS.computeIfAbsent(p[1], k -> new HashMap<>())
                        .put(p[5], new FieldLine(p[1], p[2], p[3], p[4], p[5], p[6]));
                case "META" -> META.put(p[1], new String[] {p[2].substring("retention=".length()),
                        p[3].substring("target=".length())});
                default -> { }
            }
        }
        Path classes = Path.of(System.getProperty("jenkinsApi.classes", "target/classes"));
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .sorted().toList();
        }
        ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                SignatureConformanceTest.class.getClassLoader());
        stubs = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, loader);
            if (!type.isAnonymousClass() && !type.isLocalClass() && !type.isSynthetic()) {
                stubs.add(type);
            }
        }
        assertTrue(stubs.size() > 40, "declarations found: " + stubs.size());
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "@interface";
        }
        if (type.isInterface()) {
            return "interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        return type.isRecord() ? "record" : "class";
    }

    private static String visibility(int modifiers) {
        return Modifier.isPublic(modifiers) ? "public" : Modifier.isProtected(modifiers) ? "protected" : "package";
    }

    private static String mods(Class<?> type) {
        List<String> mods = new ArrayList<>();
        int m = type.getModifiers();
        if (Modifier.isStatic(m) && type.isMemberClass()) {
            mods.add("static");
        }
        if (Modifier.isAbstract(m) && !type.isInterface()) {
            mods.add("abstract");
        }
        if (Modifier.isFinal(m)) {
            mods.add("final");
        }
        return mods.isEmpty() ? "-" : String.join(",", mods);
    }

    static String typeName(Class<?> type) {
        return type.isArray() ? typeName(type.getComponentType()) + "[]" : type.getName();
    }

    private static String key(Executable e) {
        String name = e instanceof Constructor<?> ? "<init>" : e.getName();
        return name + "(" + Arrays.stream(e.getParameterTypes()).map(SignatureConformanceTest::typeName)
                .collect(Collectors.joining(",")) + ")";
    }

    /** Every type reachable from fqn through TYPE lines, fqn excluded. */
    private static Set<String> ancestors(String fqn) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(fqn));
        while (!todo.isEmpty()) {
            TypeLine line = TYPES.get(todo.pop());
            if (line == null) {
                continue;
            }
            List<String> next = new ArrayList<>(line.interfaces());
            if (!line.superclass().equals("-")) {
                next.add(line.superclass());
            }
            for (String parent : next) {
                if (seen.add(parent)) {
                    todo.push(parent);
                }
            }
        }
        return seen;
    }

    @Test
    void everyDeclaredTypeMatchesTheBaseline() {
        List<String> problems = new ArrayList<>();
        for (Class<?> stub : stubs) {
            TypeLine upstream = TYPES.get(stub.getName());
            if (upstream == null) {
                problems.add(stub.getName() + ": not in the signature list");
                continue;
            }
            expect(problems, stub.getName() + " kind", upstream.kind(), kind(stub));
            expect(problems, stub.getName() + " visibility", upstream.visibility(), visibility(stub.getModifiers()));
            expect(problems, stub.getName() + " modifiers", upstream.mods(), mods(stub));
            if (!stub.isInterface()) {
                String superclass = stub.getSuperclass().getName();
                boolean exact = superclass.equals(upstream.superclass());
                boolean simplified = superclass.equals("java.lang.Object") || ancestors(stub.getName()).contains(superclass);
                if (!exact && (EXTENDED.contains(stub.getName()) || !simplified)) {
                    problems.add(stub.getName() + " superclass: expected " + upstream.superclass() + " but was " + superclass);
                }
            }
            Set<String> realAncestors = ancestors(stub.getName());
            for (Class<?> implemented : stub.getInterfaces()) {
                if (!realAncestors.contains(implemented.getName()) && !implemented.getName().equals("java.io.Serializable")
                        && !implemented.getName().equals("java.lang.annotation.Annotation")) {
                    problems.add(stub.getName() + " implements " + implemented.getName() + ", which is not an ancestor upstream");
                }
                if (implemented.getName().equals("java.io.Serializable") && !realAncestors.contains("java.io.Serializable")
                        && !upstream.interfaces().contains("java.io.Serializable")) {
                    problems.add(stub.getName() + " implements java.io.Serializable, which upstream does not");
                }
            }
            if (stub.isAnnotation()) {
                String[] meta = META.get(stub.getName());
                Retention retention = stub.getAnnotation(Retention.class);
                Target target = stub.getAnnotation(Target.class);
                expect(problems, stub.getName() + " retention", meta[0], retention == null ? "CLASS" : retention.value().name());
                expect(problems, stub.getName() + " target", new TreeSet<>(List.of(meta[1].split(","))).toString(),
                        target == null ? "[-]" : new TreeSet<>(Arrays.stream(target.value()).map(Enum::name).toList()).toString());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDeclaredMemberMatchesTheBaseline() {
        List<String> problems = new ArrayList<>();
        for (Class<?> stub : stubs) {
            List<Executable> executables = new ArrayList<>(Arrays.asList(stub.getDeclaredConstructors()));
            executables.addAll(Arrays.asList(stub.getDeclaredMethods()));
            for (Executable e : executables) {
                int m = e.getModifiers();
                if ((!Modifier.isPublic(m) && !Modifier.isProtected(m)) || e.isSynthetic()
                        || (e instanceof Method method && method.isBridge())) {
                    continue;
                }
                String key = key(e);
                MemberLine upstream = MEMBERS.getOrDefault(stub.getName(), Map.of()).get(key);
                boolean sameOwner = upstream != null;
                if (upstream == null) {
                    for (String ancestor : ancestors(stub.getName())) {
                        upstream = MEMBERS.getOrDefault(ancestor, Map.of()).get(key);
                        if (upstream != null) {
                            break;
                        }
                    }
                }
                String where = stub.getName() + "." + key;
                if (upstream == null) {
                    problems.add(where + ": not in the signature list for this type or its ancestors");
                    continue;
                }
                String returnType = e instanceof Method method ? typeName(method.getReturnType()) : "<init>";
                expect(problems, where + " return type", upstream.returnType(), returnType);
                expect(problems, where + " static", upstream.scope(), Modifier.isStatic(m) ? "static" : "instance");
                if (upstream.visibility().equals("protected") && Modifier.isPublic(m)) {
                    problems.add(where + ": public here but protected upstream");
                }
                if (sameOwner) {
                    expect(problems, where + " kind", upstream.kind(), memberKind(stub, e));
                }
            }
            for (Field field : stub.getDeclaredFields()) {
                int m = field.getModifiers();
                if ((!Modifier.isPublic(m) && !Modifier.isProtected(m)) || field.isSynthetic()) {
                    continue;
                }
                FieldLine upstream = FIELDS.getOrDefault(stub.getName(), Map.of()).get(field.getName());
                String where = stub.getName() + "." + field.getName();
                if (upstream == null) {
                    problems.add(where + ": field not in the signature list");
                    continue;
                }
                expect(problems, where + " type", upstream.type(), typeName(field.getType()));
                expect(problems, where + " static", upstream.scope(), Modifier.isStatic(m) ? "static" : "instance");
                expect(problems, where + " enum constant", String.valueOf(upstream.flag().equals("enum")),
                        String.valueOf(field.isEnumConstant()));
            }
        }
        assertEquals(List.of(), problems);
    }

    private static String memberKind(Class<?> owner, Executable e) {
        int m = e.getModifiers();
        if (e instanceof Constructor<?>) {
            return "concrete";
        }
        Method method = (Method) e;
        if (owner.isAnnotation()) {
            return method.getDefaultValue() != null ? "default" : "abstract";
        }
        if (owner.isInterface()) {
            return method.isDefault() ? "default" : Modifier.isAbstract(m) ? "abstract" : "concrete";
        }
        return Modifier.isAbstract(m) ? "abstract" : Modifier.isFinal(m) ? "final" : "concrete";
    }

    /** Reflection cannot tell a compile-time constant, so the sources must not declare one. */
    @Test
    void noDeclarationIsACompileTimeConstant() throws IOException {
        Path sources = Path.of(System.getProperty("jenkinsApi.sources", "src/main/java"));
        Pattern constant = Pattern.compile("static\\s+final\\s+(byte|short|int|long|float|double|char|boolean|String)\\s+"
                + "(\\w+)\\s*=\\s*(?!null)");
        Pattern interfaceConstant = Pattern.compile("^\\s+(byte|short|int|long|float|double|char|boolean|String)\\s+\\w+\\s*="
                + "\\s*(?!null)", Pattern.MULTILINE);
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher matcher = constant.matcher(text);
                while (matcher.find()) {
                    if (!matcher.group(2).equals("serialVersionUID")) {
                        problems.add(file + ": " + matcher.group());
                    }
                }
                if (text.contains(" interface ") && interfaceConstant.matcher(text).find()) {
                    problems.add(file + ": interface constant");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Abstract upstream and not implemented higher up: a plugin class compiled without it would fail at run time. */
    @Test
    void extendedTypesDeclareEveryMethodTheyLeaveAbstract() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String fqn : EXTENDED) {
            Class<?> stub = stubs.stream().filter(c -> c.getName().equals(fqn)).findFirst()
                    .orElseThrow(() -> new AssertionError(fqn + " is not declared"));
            List<String> chain = new ArrayList<>(List.of(fqn));
            chain.addAll(ancestors(fqn));
            Map<String, String> firstKind = new HashMap<>();
            for (String type : chain) {
                for (MemberLine member : MEMBERS.getOrDefault(type, Map.of()).values()) {
                    if (!member.scope().equals("static") && !member.key().startsWith("<init>")) {
                        firstKind.putIfAbsent(member.key(), member.kind());
                    }
                }
            }
            for (Map.Entry<String, String> entry : firstKind.entrySet()) {
                if (!entry.getValue().equals("abstract")) {
                    continue;
                }
                boolean declaredAbstract = false;
                for (Class<?> c = stub; c != null && !declaredAbstract; c = c.getSuperclass()) {
                    declaredAbstract = declaresAbstract(c, entry.getKey());
                }
                for (Class<?> i : allInterfaces(stub)) {
                    declaredAbstract |= declaresAbstract(i, entry.getKey());
                }
                boolean implemented = implementedConcretely(stub, entry.getKey());
                if (!declaredAbstract && !implemented) {
                    problems.add(fqn + " leaves " + entry.getKey() + " abstract upstream, but the declaration lacks it");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean declaresAbstract(Class<?> type, String key) {
        return Arrays.stream(type.getDeclaredMethods())
                .anyMatch(m -> key(m).equals(key) && Modifier.isAbstract(m.getModifiers()) && !m.isBridge());
    }

    private static boolean implementedConcretely(Class<?> type, String key) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> key(m).equals(key)
                    && !Modifier.isAbstract(m.getModifiers()))) {
                return true;
            }
        }
        return false;
    }

    private static Set<Class<?>> allInterfaces(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            todo.addAll(Arrays.asList(c.getInterfaces()));
        }
        while (!todo.isEmpty()) {
            Class<?> i = todo.pop();
            if (all.add(i)) {
                todo.addAll(Arrays.asList(i.getInterfaces()));
            }
        }
        return all;
    }

    private static void expect(List<String> problems, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            problems.add(what + ": expected " + expected + " but was " + actual);
        }
    }
}
