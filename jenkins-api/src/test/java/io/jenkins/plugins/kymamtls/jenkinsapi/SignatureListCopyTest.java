package io.jenkins.plugins.kymamtls.jenkinsapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The signature list kept in src/test/resources is the generated list as published for the pinned
 * baseline (its header names the tags and commits); where that list is at hand, the copy must be
 * identical, so a new baseline cannot be half taken over.
 */
class SignatureListCopyTest {

    @Test
    void theCopyIsTheUpstreamList() throws Exception {
        Path copy = Path.of(System.getProperty("jenkinsApi.signatures", "src/test/resources/signatures.txt"));
        Path upstream = Path.of(System.getProperty("jenkinsApi.upstreamSignatures",
                "../../shared/jenkins-api/signatures.txt"));
        Assumptions.assumeTrue(Files.isRegularFile(upstream), () -> "upstream signature list "
                + upstream.toAbsolutePath().normalize() + " is not here; the copy is compared with it where it is");
        assertEquals(Files.readString(upstream), Files.readString(copy), "copy " + copy + " differs from " + upstream
                + ": copy the new list over");
    }
}
