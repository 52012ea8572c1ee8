package io.jenkins.plugins.kymamtls.library

import com.lesfurets.jenkins.unit.BasePipelineTest
import org.junit.Before
import org.junit.Test

import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library
import static com.lesfurets.jenkins.unit.global.lib.LocalSource.localSource
import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

/** vars/kymaMtlsEgress.groovy loaded through @Library, as a Jenkinsfile would, with the four steps recorded. */
class KymaMtlsEgressVarTest extends BasePipelineTest {

    List<List> calls = []
    String failingStep

    @Override
    @Before
    void setUp() throws Exception {
        File stage = new File(System.getProperty('libraryStage'), 'kyma-mtls@main')
        stage.deleteDir()
        ['vars', 'src', 'resources'].each { folder ->
            File source = new File(System.getProperty('libraryRoot'), folder)
            new File(stage, folder).mkdirs()
            if (source.exists()) {
                source.eachFileRecurse(groovy.io.FileType.FILES) { File file ->
                    File target = new File(new File(stage, folder), source.toPath().relativize(file.toPath()).toString())
                    target.parentFile.mkdirs()
                    target.bytes = file.bytes
                }
            }
        }
        scriptRoots += 'src/test/resources/pipelines'
        super.setUp()
        helper.registerSharedLibrary(library().name('kyma-mtls').defaultVersion('main').allowOverride(true)
                .implicit(false).targetPath(stage.parentFile.absolutePath)
                .retriever(localSource(stage.parentFile.absolutePath)).build())
        helper.registerAllowedMethod('error', [String]) { String message -> throw new IllegalStateException(message) }
        ['kymaMtlsCerts', 'kymaExposeMtls', 'kymaEgressRoute', 'kymaLockEgress'].each { step ->
            helper.registerAllowedMethod(step, [Map]) { Map args ->
                calls << [step, args]
                if (step == failingStep) {
                    throw new IllegalStateException("[kyma-mtls] ${step}: APIRule httpbin in mtls-demo failed")
                }
                return [step: step, status: 200]
            }
        }
    }

    @Test
    void runsTheFourStepsInOrderWithTheRightArguments() {
        runScript('fullFlow.jenkins')

        assertEquals(['kymaMtlsCerts', 'kymaExposeMtls', 'kymaEgressRoute', 'kymaLockEgress'], calls.collect { it[0] })
        assertEquals([domain: 'httpbin.example.com', client: 'client.example.com', certsDir: 'mtls',
                      keyAlgorithm: 'ec-p256'], calls[0][1])
        assertEquals([credentialsId: 'target-kubeconfig', domain: 'httpbin.example.com', namespace: 'mtls-demo',
                      certsDir: 'mtls', client: 'client.example.com', verifyTimeout: 60, resolve: '203.0.113.10'],
                calls[1][1])
        assertEquals([credentialsId: 'client-kubeconfig', domain: 'httpbin.example.com', namespace: 'mtls-demo',
                      certsDir: 'mtls', client: 'client.example.com', verifyTimeout: 60], calls[2][1])
        assertEquals([credentialsId: 'client-kubeconfig', namespace: 'mtls-demo', domain: 'httpbin.example.com',
                      verifyTimeout: 60], calls[3][1])
        assertTrue(helper.callStack.any { it.methodName == 'echo' && it.args[0].toString() == 'egress answered 200' })
        assertJobStatusSuccess()
    }

    /**
     * M7: structs' DescribableModel passes a null argument on (coerce, l.466-467) and Setter.set then
     * invokes setForce(boolean) with null, which fails with a stack trace; a null option is not passed.
     */
    @Test
    void anOptionThatIsNullIsNotPassedToTheStep() {
        runScript('nullOptions.jenkins')

        assertEquals([domain: 'httpbin.example.com', client: 'client.example.com', certsDir: 'mtls',
                      keyAlgorithm: 'ec-p256'], calls[0][1])
        assertJobStatusSuccess()
    }

    @Test
    void stopsAtTheFirstStepThatFails() {
        failingStep = 'kymaExposeMtls'
        try {
            runScript('fullFlow.jenkins')
            fail('the failure did not stop the pipeline')
        } catch (IllegalStateException e) {
            assertEquals('[kyma-mtls] kymaExposeMtls: APIRule httpbin in mtls-demo failed', e.message)
        }
        assertEquals(['kymaMtlsCerts', 'kymaExposeMtls'], calls.collect { it[0] })
    }

    @Test
    void leavesTheNamespaceOpenWhenAskedAndUsesTheClientNamespace() {
        runScript('noLock.jenkins')
        assertEquals(['kymaMtlsCerts', 'kymaExposeMtls', 'kymaEgressRoute'], calls.collect { it[0] })
        assertEquals('mtls-demo', calls[1][1].namespace)
        assertEquals('mtls-client', calls[2][1].namespace)
    }

    @Test
    void namesMissingParametersBeforeAnyStepRuns() {
        try {
            runScript('missingCredentials.jenkins')
            fail('missing parameters were accepted')
        } catch (IllegalStateException e) {
            assertEquals('kymaMtlsEgress: missing targetCredentialsId, clientCredentialsId; required: domain, client,'
                    + ' namespace, targetCredentialsId, clientCredentialsId', e.message)
        }
        assertEquals([], calls)
    }

    @Test
    void refusesWhatALaterStepWouldRefuseBeforeTheTargetClusterIsTouched() {
        try {
            runScript('wildcardDomain.jenkins')
            fail('a wildcard domain was accepted for the egress route')
        } catch (IllegalStateException e) {
            assertTrue(e.message, e.message.startsWith("kymaMtlsEgress: domain: '*.example.com' is not allowed; expected a DNS name"))
        }
        assertEquals([], calls)
    }

    @Test
    void checksTheLockParametersWithTheEnginesOwnChecks() {
        try {
            runScript('badDnsAddress.jenkins')
            fail('a bad DNS address was accepted')
        } catch (IllegalStateException e) {
            assertTrue(e.message, e.message.startsWith("kymaMtlsEgress: dnsAddresses: '10.96.0.300' is not allowed"))
        }
        assertEquals([], calls)
    }
}
