package dev.ollamamax.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The installers ship a trimmed Java runtime (packaging/pom.xml, {@code installer.modules}). Classes the
 * libraries load by name are invisible to jdeps; a missing one made the installed app, run as root, refuse
 * to run the embedded PostgreSQL ("this machine does not allow user namespaces"), while the plain jar worked.
 */
class JreModulesTest {

    /** Classes loaded by reflection at run time, and by whom. */
    private static final List<String> LOADED_BY_NAME = List.of(
            "com.sun.security.auth.module.UnixSystem"); // zonky's LinuxUtils: are we root? (then unshare -U)

    @Test
    void theInstallersRuntimeHoldsEveryModuleOfAClassLoadedByName() throws Exception {
        Path pom = Path.of("..", "packaging", "pom.xml");
        Matcher m = Pattern.compile("<installer.modules>([^<]+)</installer.modules>").matcher(Files.readString(pom));
        assertThat(m.find()).as("installer.modules in " + pom).isTrue();
        List<String> modules = Arrays.stream(m.group(1).split(",")).map(String::strip).toList();

        for (String name : LOADED_BY_NAME) {
            String module = Class.forName(name).getModule().getName();
            assertThat(modules).as(name + " comes from " + module).contains(module);
        }
        assertThat(modules).contains("jdk.security.auth");
    }
}
