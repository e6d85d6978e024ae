import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Takes the signature files out of the signed jars of a package's lib/ folder (run at package time by app-parent's
 * pom, before the class-data archive is trained: {@code java UnsignJars.java <lib folder>}).
 *
 * <p>A signed jar costs every start that reads it: the JVM checks its signature (certificates, a digest of the
 * manifest) when the jar is opened and the digest of each class it loads from it, and some of its classes are
 * loaded from the jar though the class-data archive was trained on them. Nothing on the worker acts on those
 * signatures (no security manager, no policy; on OpenJDK builds, Microsoft's among them, a JCE provider need not be
 * signed either), so the package carries the same classes unsigned. Each jar keeps its entries, in order, and its
 * manifest.
 */
public final class UnsignJars {

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            throw new IllegalArgumentException("usage: java UnsignJars.java <folder of jars>");
        }
        int unsigned = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
            for (Path jar : jars) {
                if (unsign(jar)) {
                    unsigned++;
                }
            }
        }
        System.err.printf("UnsignJars: %d signed jar(s) in %s now unsigned%n", unsigned, args[0]);
    }

    /** A signature file: META-INF/*.SF, *.RSA, *.DSA, *.EC or SIG-* directly in META-INF. */
    static boolean isSignature(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = upper.substring("META-INF/".length());
        return file.endsWith(".SF") || file.endsWith(".RSA") || file.endsWith(".DSA") || file.endsWith(".EC")
                || file.startsWith("SIG-");
    }

    private static boolean unsign(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().noneMatch(entry -> isSignature(entry.getName()))) {
                return false;
            }
            Path copy = jar.resolveSibling(jar.getFileName() + ".unsigned");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (isSignature(entry.getName())) {
                        continue;
                    }
                    ZipEntry kept = new ZipEntry(entry.getName());
                    kept.setTime(entry.getTime());
                    out.putNextEntry(kept);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }
}
