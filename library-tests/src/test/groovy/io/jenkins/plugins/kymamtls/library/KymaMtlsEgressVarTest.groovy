package io.jenkins.plugins.kymamtls.library

import com.lesfurets.jenkins.unit.BasePipelineTest
import io.jenkins.plugins.kymamtls.flow.EgressFlowCheck
import org.codehaus.groovy.control.CompilationFailedException
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases
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
        // The plugin's pre-check step, with the engine's own check behind it (what the step returns).
        helper.registerAllowedMethod('kymaMtlsEgressCheck', [Map]) { Map args ->
            calls << ['kymaMtlsEgressCheck', args]
            return EgressFlowCheck.problem(args.parameters as Map)
        }
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

        assertEquals(['kymaMtlsCerts', 'kymaExposeMtls', 'kymaEgressRoute', 'kymaLockEgress'], steps())
        assertEquals([domain: 'httpbin.example.com', client: 'client.example.com', certsDir: 'mtls',
                      keyAlgorithm: 'ec-p256'], stepCalls()[0][1])
        assertEquals([credentialsId: 'target-kubeconfig', domain: 'httpbin.example.com', namespace: 'mtls-demo',
                      certsDir: 'mtls', client: 'client.example.com', verifyTimeout: 60, resolve: '203.0.113.10'],
                stepCalls()[1][1])
        assertEquals([credentialsId: 'client-kubeconfig', domain: 'httpbin.example.com', namespace: 'mtls-demo',
                      certsDir: 'mtls', client: 'client.example.com', verifyTimeout: 60], stepCalls()[2][1])
        assertEquals([credentialsId: 'client-kubeconfig', namespace: 'mtls-demo', domain: 'httpbin.example.com',
                      verifyTimeout: 60], stepCalls()[3][1])
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
                      keyAlgorithm: 'ec-p256'], stepCalls()[0][1])
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
        assertEquals(['kymaMtlsCerts', 'kymaExposeMtls'], steps())
    }

    @Test
    void leavesTheNamespaceOpenWhenAskedAndUsesTheClientNamespace() {
        runScript('noLock.jenkins')
        assertEquals(['kymaMtlsCerts', 'kymaExposeMtls', 'kymaEgressRoute'], steps())
        assertEquals('mtls-demo', stepCalls()[1][1].namespace)
        assertEquals('mtls-client', stepCalls()[2][1].namespace)
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
        assertEquals(['kymaMtlsEgressCheck'], calls.collect { it[0] })
    }

    @Test
    void refusesWhatALaterStepWouldRefuseBeforeTheTargetClusterIsTouched() {
        try {
            runScript('wildcardDomain.jenkins')
            fail('a wildcard domain was accepted for the egress route')
        } catch (IllegalStateException e) {
            assertTrue(e.message, e.message.startsWith("kymaMtlsEgress: domain: '*.example.com' is not allowed; expected a DNS name"))
        }
        assertEquals(['kymaMtlsEgressCheck'], calls.collect { it[0] })
    }

    @Test
    void checksTheLockParametersWithTheEnginesOwnChecks() {
        try {
            runScript('badDnsAddress.jenkins')
            fail('a bad DNS address was accepted')
        } catch (IllegalStateException e) {
            assertTrue(e.message, e.message.startsWith("kymaMtlsEgress: dnsAddresses: '10.96.0.300' is not allowed"))
        }
        assertEquals(['kymaMtlsEgressCheck'], calls.collect { it[0] })
    }

    /** The four steps the flow called, in order, without the pre-check. */
    List<List> stepCalls() {
        calls.findAll { it[0] != 'kymaMtlsEgressCheck' }
    }

    List<String> steps() {
        stepCalls().collect { it[0] }
    }

    @Test
    void checksEveryParameterWithTheCheckStepBeforeAnyStep() {
        runScript('fullFlow.jenkins')
        assertEquals('kymaMtlsEgressCheck', calls[0][0])
        assertEquals('httpbin.example.com', calls[0][1].parameters.domain)
    }

    /**
     * B1: an untrusted global library (pipeline-groovy-lib GlobalUntrustedLibraries, ForJob.isTrusted()
     * false) or a folder library (FolderLibraries l.69) runs in the sandbox, which rejects every call
     * to a plugin class that no whitelist names (script-security SandboxInterceptor.onStaticCall
     * l.202-213, StaticWhitelist.rejectStaticMethod). The library's own code is compiled here with
     * nothing but Groovy and the CPS annotations: any reference to a class of the plugin or its engine
     * fails to resolve.
     */
    @Test
    void theLibraryCompilesWithoutAnyPluginClass() {
        URL[] jars = [GroovyObject, com.cloudbees.groovy.cps.NonCPS].collect {
            it.protectionDomain.codeSource.location
        } as URL[]
        URLClassLoader isolated = new URLClassLoader(jars, ClassLoader.platformClassLoader)
        assertTrue('the isolated loader must not see the engine', !canLoad(isolated, EgressFlowCheck.name))
        CompilationUnit unit = new CompilationUnit(new CompilerConfiguration(), null, new GroovyClassLoader(isolated))
        File root = new File(System.getProperty('libraryRoot'))
        List<File> sources = []
        ['src', 'vars'].each { folder ->
            new File(root, folder).eachFileRecurse(groovy.io.FileType.FILES) { if (it.name.endsWith('.groovy')) { sources << it } }
        }
        assertTrue(sources.toString(), sources.size() >= 2)
        sources.each { unit.addSource(it) }
        try {
            unit.compile(Phases.CLASS_GENERATION)
        } catch (CompilationFailedException e) {
            fail('the library refers to a class the sandbox would reject: ' + e.message)
        }
    }

    private static boolean canLoad(ClassLoader loader, String name) {
        try {
            loader.loadClass(name)
            return true
        } catch (ClassNotFoundException ignored) {
            return false
        }
    }
}
