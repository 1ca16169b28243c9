package io.followup.callbacks.linkcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The link check of an engine flavour: every class, method and field our classes in the flavour's jar use from the
 * engine's packages resolves against that engine's real jars (this build's classpath), as the JVM would resolve it.
 * A rename in a fork fails the build here, not as a {@code NoSuchMethodError} in a user's Cockpit. No reference to
 * Camunda's own packages may be left. Each flavour's build runs it (failsafe, {@code dependenciesToScan}) with
 * {@code flavour.jar} (the flavour's jar), {@code flavour.prefix} (its engine's packages, such as {@code org.operaton})
 * and {@code flavour.unchecked} (comma-separated packages whose jars are not to be had, said in README).
 */
public class LinkCheckIT {

    private static final List<String> CAMUNDA = List.of("org/camunda/bpm/", "org/camunda/spin/",
            "org/camunda/commons/", "org/camunda/connect/");

    private final String prefix = System.getProperty("flavour.prefix").replace('.', '/') + "/";
    private final List<String> unchecked = java.util.Arrays.stream(System.getProperty("flavour.unchecked", "")
            .split(",")).map(String::strip).filter(p -> !p.isEmpty()).map(p -> p.replace('.', '/') + "/").toList();
    private final Map<String, Info> infos = new HashMap<>();
    private final Set<String> broken = new TreeSet<>();
    private final Set<String> leftOver = new TreeSet<>();
    private int checked;

    /** A class as the JVM sees it for resolution: its super types and its own members. */
    private record Info(String superName, List<String> interfaces, Set<String> methods, Set<String> fields) {
    }

    @Test
    public void everyEngineReferenceResolvesAgainstTheEnginesJars() throws IOException {
        int classes = 0;
        try (JarFile jar = new JarFile(System.getProperty("flavour.jar"))) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("io/followup/") && entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        scan(new ClassReader(in), entry.getName());
                        classes++;
                    }
                }
            }
        }
        System.out.printf("link check: %d classes, %d references into %s checked (not checked: %s)%n", classes,
                checked, prefix, unchecked);
        assertTrue(classes > 50, "the flavour's jar holds the plugin's classes");
        assertTrue(checked > 200, "references into the engine were found and checked: " + checked);
        assertEquals(Set.of(), leftOver, "references to Camunda's own packages left in the flavour");
        assertEquals(Set.of(), broken, "references that do not resolve against the engine's jars");
    }

    private void scan(ClassReader reader, String where) {
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                type(superName, where);
                for (String itf : interfaces) {
                    type(itf, where);
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                    Object value) {
                descriptor(Type.getType(descriptor), where);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                String method = where + " " + name;
                for (Type type : Type.getArgumentTypes(descriptor)) {
                    descriptor(type, method);
                }
                descriptor(Type.getReturnType(descriptor), method);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        member(owner, name, desc, true, method);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                        member(owner, name, desc, false, method);
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        descriptor(Type.getObjectType(type), method);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                            descriptor(type, method);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
                        for (Object arg : args) {
                            if (arg instanceof Handle handle) {
                                member(handle.getOwner(), handle.getName(), handle.getDesc(),
                                        handle.getTag() >= Opcodes.H_INVOKEVIRTUAL, method);
                            }
                        }
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
    }

    private void descriptor(Type type, String where) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() == Type.OBJECT) {
            type(element.getInternalName(), where);
        }
    }

    private boolean engine(String internalName) {
        return internalName.startsWith(prefix) && unchecked.stream().noneMatch(internalName::startsWith);
    }

    private void type(String internalName, String where) {
        if (internalName == null) {
            return;
        }
        if (CAMUNDA.stream().anyMatch(internalName::startsWith)) {
            leftOver.add(internalName + " in " + where);
        }
        if (engine(internalName)) {
            checked++;
            if (info(internalName) == null) {
                broken.add("class " + internalName + " (used in " + where + ")");
            }
        }
    }

    private void member(String owner, String name, String desc, boolean method, String where) {
        if (owner.startsWith("[")) {
            return;
        }
        type(owner, where);
        if (!engine(owner) || info(owner) == null) {
            return;
        }
        if (method) {
            for (Type type : Type.getArgumentTypes(desc)) {
                descriptor(type, where);
            }
            descriptor(Type.getReturnType(desc), where);
        } else {
            descriptor(Type.getType(desc), where);
        }
        if (!resolves(owner, name + desc, method, new TreeSet<>())) {
            broken.add((method ? "method " : "field ") + owner + "." + name + desc + " (used in " + where + ")");
        }
    }

    /** JVM resolution: the class, its super classes, then its interfaces. */
    private boolean resolves(String owner, String member, boolean method, Set<String> seen) {
        Info info = info(owner);
        if (info == null || !seen.add(owner)) {
            return false;
        }
        if ((method ? info.methods() : info.fields()).contains(member)) {
            return true;
        }
        if (info.superName() != null && resolves(info.superName(), member, method, seen)) {
            return true;
        }
        for (String itf : info.interfaces()) {
            if (resolves(itf, member, method, seen)) {
                return true;
            }
        }
        return method && !owner.equals("java/lang/Object") && resolves("java/lang/Object", member, true, seen);
    }

    private Info info(String internalName) {
        return infos.computeIfAbsent(internalName, name -> {
            try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
                if (in == null) {
                    return null;
                }
                Set<String> methods = new TreeSet<>();
                Set<String> fields = new TreeSet<>();
                List<String> interfaces = new ArrayList<>();
                String[] superName = new String[1];
                new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public void visit(int version, int access, String n, String signature, String sup,
                            String[] itfs) {
                        superName[0] = sup;
                        interfaces.addAll(List.of(itfs));
                    }

                    @Override
                    public FieldVisitor visitField(int access, String n, String descriptor, String signature,
                            Object value) {
                        fields.add(n + descriptor);
                        return null;
                    }

                    @Override
                    public MethodVisitor visitMethod(int access, String n, String descriptor, String signature,
                            String[] exceptions) {
                        methods.add(n + descriptor);
                        return null;
                    }
                }, ClassReader.SKIP_CODE);
                return new Info(superName[0], interfaces, methods, fields);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
