#!/usr/bin/env python3
"""Writes the Jenkins step classes, build step classes, config.jelly and help files from one table."""
import html
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'main')
JAVA = os.path.join(ROOT, 'java', 'io', 'jenkins', 'plugins', 'kymamtls', 'steps')
RES = os.path.join(ROOT, 'resources', 'io', 'jenkins', 'plugins', 'kymamtls', 'steps')
PKG = 'io.jenkins.plugins.kymamtls.steps'

# name, java type, default (Java expression or None), required, check (Java, value in `value`), title, help
CLUSTER = [
    ('credentialsId', 'cred', None, True, None, 'Kubeconfig credentials',
     'Id of a <b>Secret file</b> credential holding a kubeconfig, or a <b>Secret text</b> credential holding kubeconfig YAML. '
     'The kubeconfig is read on the controller, sent to the agent in memory and never written to the workspace or printed. '
     'Exec credential plugins in it must be installed on the agent.'),
    ('context', 'String', None, False, None, 'Context',
     'Context of the kubeconfig to use. Default: its <code>current-context</code>.'),
]
TIMEOUTS = [
    ('readyTimeout', 'int', 'Timeouts.DEFAULT_READY_SECONDS', False, 'FieldChecks.timeout("readyTimeout", value)',
     'Ready timeout (seconds)', 'How long to wait for the resources to become ready, 1-3600 seconds. Default: 300.'),
    ('verifyTimeout', 'int', 'Timeouts.DEFAULT_VERIFY_SECONDS', False, 'FieldChecks.timeout("verifyTimeout", value)',
     'Verification timeout (seconds)',
     'How long to retry the verification while Istio pushes the configuration, 1-3600 seconds. Default: 120.'),
]
CERTS_DIR = ('certsDir', 'String', '"mtls"', False, None, 'Certificates folder',
             'Folder in the workspace where <code>kymaMtlsCerts</code> wrote the certificates (tutorial file names). Default: <code>mtls</code>.')

STEPS = {
    'Certs': dict(
        function='kymaMtlsCerts', step='KymaMtlsCertsStep', builder='KymaMtlsCertsBuilder',
        display='Generate the mTLS certificates (Kyma egress tutorial)',
        summary='Generates a root CA (<code>egress.crt</code>), a server certificate for the workload host and a client certificate, self-tests them with real TLS handshakes, writes them to a workspace folder with the tutorial\'s file names and archives the certificates (not the keys) as build artifacts.',
        example="def certs = kymaMtlsCerts(domain: 'httpbin.example.com', client: 'client.example.com')\necho certs.certificates[0].sha256Fingerprint",
        fields=[
            ('domain', 'String', None, True, 'FieldChecks.domain(value)', 'Workload host',
             'Host of the workload, e.g. <code>httpbin.example.com</code>: a lowercase DNS name; may start with <code>*.</code>.'),
            ('client', 'String', None, True, 'FieldChecks.requiredClient(value)', 'Client name',
             'Name of the client certificate, e.g. <code>client.example.com</code>: a lowercase DNS name other than the domain.'),
            ('certsDir', 'String', '"mtls"', False, None, 'Certificates folder',
             'Workspace folder for the PEM files and <code>certificates.json</code>. Default: <code>mtls</code>.'),
            ('keyAlgorithm', 'String', '"rsa-2048"', False, 'FieldChecks.keyAlgorithm(value)', 'Key algorithm',
             'One of <code>rsa-2048</code> (default), <code>rsa-3072</code>, <code>rsa-4096</code>, <code>ec-p256</code>, <code>ec-p384</code>.'),
            ('days', 'int', '365', False, 'FieldChecks.days(value)', 'Validity (days)', 'Validity in days, 1-3650. Default: 365.'),
            ('org', 'String', '"example Inc."', False, 'FieldChecks.org(value)', 'Organisation',
             'Organisation in the CA and server subjects. Default: <code>example Inc.</code>'),
            ('caCredentialsId', 'cred', None, False, None, 'Existing CA credentials',
             'Optional: id of a <b>Secret file</b> (or <b>Secret text</b>) credential holding an existing CA certificate and its unencrypted private key in PEM. The leaves are then issued from it; its key is never copied into the workspace.'),
            ('archiveKeys', 'boolean', 'false', False, None, 'Archive private keys',
             'Also archive the private keys as build artifacts. Off by default; when on, the step prints a warning.'),
            ('force', 'boolean', 'false', False, None, 'Replace existing keys',
             'Make a new set even when the folder already holds one. Without it, a set made for the same domain, client, organisation, key algorithm and CA that is still valid is kept (the result says reused: true); a set that differs stops the step, naming the difference.'),
            ('selfTest', 'boolean', 'true', False, None, 'Self-test',
             'Prove the set with loopback TLS handshakes before writing it. On by default.'),
        ]),
    'Expose': dict(
        function='kymaExposeMtls', step='KymaExposeMtlsStep', builder='KymaExposeMtlsBuilder',
        display='Expose a workload with mutual TLS (Kyma target cluster)',
        summary='On the target cluster: namespace with sidecar injection, the httpbin workload, Secret <code>kyma-mtls-certs</code>, an Istio Gateway in <code>MUTUAL</code> TLS mode and an APIRule; then proves from the agent that a request without a client certificate fails and one with it gets 200 with the client named in X-Forwarded-Client-Cert.',
        example="kymaExposeMtls(credentialsId: 'target-kubeconfig', domain: 'httpbin.example.com', namespace: 'mtls-demo')",
        fields=CLUSTER + [
            ('domain', 'String', None, True, 'FieldChecks.domain(value)', 'Workload host', 'Host of the workload, as given to <code>kymaMtlsCerts</code>.'),
            ('namespace', 'String', None, True, 'FieldChecks.namespace(value)', 'Namespace', 'Namespace of the workload (DNS-1123 label).'),
            CERTS_DIR,
            ('client', 'String', None, False, 'FieldChecks.client(value)', 'Client name',
             'Client certificate used for the verification. Default: the client in <code>certificates.json</code>.'),
            ('caCert', 'String', None, False, None, 'CA certificate file', 'Workspace file of the CA certificate. Default: <code>egress.crt</code> in the certificates folder.'),
            ('serverCert', 'String', None, False, None, 'Server certificate file', 'Workspace file of the server certificate. Default: <code>&lt;domain&gt;.crt</code> in the certificates folder.'),
            ('serverKey', 'String', None, False, None, 'Server key file', 'Workspace file of the server key. Default: <code>&lt;domain&gt;.key</code> in the certificates folder.'),
            ('clientCert', 'String', None, False, None, 'Client certificate file', 'Workspace file of the client certificate for the verification. Default: <code>&lt;client&gt;.crt</code> in the certificates folder.'),
            ('clientKey', 'String', None, False, None, 'Client key file', 'Workspace file of its key. Default: <code>&lt;client&gt;.key</code> in the certificates folder.'),
            ('workload', 'boolean', 'true', False, None, 'Deploy httpbin',
             'Deploy the httpbin sample (default). Off: expose an existing service, named by serviceName and servicePort.'),
            ('serviceName', 'String', '"httpbin"', False, 'FieldChecks.name("serviceName", value)', 'Service', 'Service to expose. Default: <code>httpbin</code>.'),
            ('servicePort', 'int', '8000', False, 'FieldChecks.port("servicePort", value)', 'Service port', 'Port of the service. Default: 8000.'),
            ('gatewayName', 'String', '"kyma-mtls-gateway"', False, 'FieldChecks.name("gatewayName", value)', 'Gateway', 'Istio Gateway name. Default: <code>kyma-mtls-gateway</code>.'),
            ('secretName', 'String', '"kyma-mtls-certs"', False, 'FieldChecks.name("secretName", value)', 'Secret', 'Secret in istio-system with the gateway credentials. Default: <code>kyma-mtls-certs</code>.'),
            ('apiRuleName', 'String', '"httpbin"', False, 'FieldChecks.name("apiRuleName", value)', 'APIRule', 'APIRule name. Default: <code>httpbin</code>.'),
            ('methods', 'String', '"GET"', False, 'FieldChecks.methods(value)', 'Methods', 'HTTP methods the APIRule allows, comma-separated. Default: <code>GET</code>.'),
            ('path', 'String', '"/*"', False, 'FieldChecks.path(value)', 'Path', 'Path the APIRule exposes: <code>/*</code> (default), <code>/a/b</code>, <code>/a/{*}</code>, <code>/a/{**}</code>.'),
            ('resolve', 'String', None, False, 'FieldChecks.ipv4("resolve", value)', 'Connect to address',
             'IPv4 address to connect to for the verification instead of resolving the domain (like <code>curl --resolve</code>).'),
            ('httpbinImage', 'String', '"docker.io/mccutchen/go-httpbin:v2.15.0"', False, 'FieldChecks.image("httpbinImage", value)', 'httpbin image', 'Image of the sample workload.'),
        ] + TIMEOUTS),
    'Egress': dict(
        function='kymaEgressRoute', step='KymaEgressRouteStep', builder='KymaEgressRouteBuilder',
        display='Route egress through the Istio egress gateway with mTLS (Kyma client cluster)',
        summary='On the client cluster: Secret <code>client-credential</code>, the egress gateway switched on in the Kyma Istio CR, envoy access logging, the curl workload, ServiceEntry, Gateway, DestinationRules and VirtualService; then proves that plain HTTP from a pod comes back 200 through the egress gateway, which originated mTLS with the client certificate.',
        example="kymaEgressRoute(credentialsId: 'client-kubeconfig', domain: 'httpbin.example.com', namespace: 'mtls-demo')",
        fields=CLUSTER + [
            ('domain', 'String', None, True, 'FieldChecks.domain(value)', 'Workload host', 'Host of the workload (one concrete host).'),
            ('namespace', 'String', None, True, 'FieldChecks.namespace(value)', 'Namespace', 'Namespace of the client (DNS-1123 label).'),
            CERTS_DIR,
            ('client', 'String', None, False, 'FieldChecks.client(value)', 'Client name',
             'Client certificate to originate mTLS with. Default: the client in <code>certificates.json</code>.'),
            ('caCert', 'String', None, False, None, 'CA certificate file', 'Workspace file of the CA certificate. Default: <code>egress.crt</code> in the certificates folder.'),
            ('clientCert', 'String', None, False, None, 'Client certificate file', 'Workspace file of the client certificate. Default: <code>&lt;client&gt;.crt</code> in the certificates folder.'),
            ('clientKey', 'String', None, False, None, 'Client key file', 'Workspace file of the client key. Default: <code>&lt;client&gt;.key</code> in the certificates folder.'),
            ('secretName', 'String', '"client-credential"', False, 'FieldChecks.name("secretName", value)', 'Secret', 'Secret in istio-system with the client credential. Default: <code>client-credential</code>.'),
            ('curlWorkload', 'boolean', 'true', False, None, 'Deploy curl', 'Deploy the curl workload used for the verification (default).'),
            ('enableEgressGateway', 'boolean', 'true', False, None, 'Enable the egress gateway', 'Switch the egress gateway on in the Kyma Istio CR (default).'),
            ('accessLogging', 'boolean', 'true', False, None, 'Access logging', 'Add envoy access logging to the Telemetry mesh-default (default).'),
            ('curlImage', 'String', '"docker.io/curlimages/curl:8.11.1"', False, 'FieldChecks.image("curlImage", value)', 'curl image', 'Image of the curl workload.'),
        ] + TIMEOUTS),
    'Lock': dict(
        function='kymaLockEgress', step='KymaLockEgressStep', builder='KymaLockEgressBuilder',
        display='Lock the namespace to the egress gateway (Kyma client cluster)',
        summary='On the client cluster: a NetworkPolicy so the namespace can reach only DNS and istio-system; then proves from the curl pod that the allowed URL works and the blocked URL does not.',
        example="kymaLockEgress(credentialsId: 'client-kubeconfig', namespace: 'mtls-demo', domain: 'httpbin.example.com')",
        fields=CLUSTER + [
            ('namespace', 'String', None, True, 'FieldChecks.namespace(value)', 'Namespace', 'Namespace to lock.'),
            ('domain', 'String', None, False, 'FieldChecks.client(value)', 'Workload host',
             'Sets the allowed URL to <code>http://&lt;domain&gt;/headers</code>, which goes through the egress route.'),
            ('dnsAddresses', 'String', None, False, 'FieldChecks.ipv4List("dnsAddresses", value)', 'DNS addresses',
             'DNS servers to allow, comma-separated IPv4 addresses. Default: the kube-dns ClusterIP and 169.254.20.10.'),
            ('allowedUrl', 'String', None, False, 'FieldChecks.url("allowedUrl", value)', 'Allowed URL', 'A URL that must keep working.'),
            ('blockedUrl', 'String', '"https://www.google.com"', False, 'FieldChecks.url("blockedUrl", value)', 'Blocked URL', 'A URL that must be blocked. Default: <code>https://www.google.com</code>.'),
        ] + TIMEOUTS),
}

WORK = {
    'Certs': '''        String caBundle = settings.getCaCredentialsId() == null ? null
                : KubeconfigCredentials.read(settings.getCaCredentialsId(), run, "caCredentialsId");
        CertsWork work = new CertsWork(settings.getDomain(), settings.getClient(), settings.getCertsDir(),
                settings.getKeyAlgorithm(), settings.getDays(), settings.getOrg(), caBundle,
                settings.getCaCredentialsId(), settings.isForce(), settings.isSelfTest());
        Map<String, Object> result = StepRunner.run(work, workspace, listener);
        StepRunner.archive(result, settings.isArchiveKeys(), run, workspace, launcher, listener);
        return result;''',
    'Expose': '''        ExposeWork.Options options = new ExposeWork.Options();
        options.certsDir(settings.getCertsDir());
        options.caCert(settings.getCaCert());
        options.serverCert(settings.getServerCert());
        options.serverKey(settings.getServerKey());
        options.client(settings.getClient());
        options.clientCert(settings.getClientCert());
        options.clientKey(settings.getClientKey());
        options.workload(settings.isWorkload());
        options.serviceName(settings.getServiceName());
        options.servicePort(settings.getServicePort());
        options.gatewayName(settings.getGatewayName());
        options.secretName(settings.getSecretName());
        options.apiRuleName(settings.getApiRuleName());
        options.methods(settings.getMethods());
        options.path(settings.getPath());
        options.resolve(settings.getResolve());
        options.httpbinImage(settings.getHttpbinImage());
        String kubeconfig = KubeconfigCredentials.read(settings.getCredentialsId(), run, "credentialsId");
        return StepRunner.run(new ExposeWork(kubeconfig, settings.getCredentialsId(), settings.getContext(),
                settings.getDomain(), settings.getNamespace(), options, settings.getReadyTimeout(),
                settings.getVerifyTimeout()), workspace, listener);''',
    'Egress': '''        EgressWork.Options options = new EgressWork.Options();
        options.certsDir(settings.getCertsDir());
        options.caCert(settings.getCaCert());
        options.client(settings.getClient());
        options.clientCert(settings.getClientCert());
        options.clientKey(settings.getClientKey());
        options.secretName(settings.getSecretName());
        options.curlWorkload(settings.isCurlWorkload());
        options.enableEgressGateway(settings.isEnableEgressGateway());
        options.accessLogging(settings.isAccessLogging());
        options.curlImage(settings.getCurlImage());
        String kubeconfig = KubeconfigCredentials.read(settings.getCredentialsId(), run, "credentialsId");
        return StepRunner.run(new EgressWork(kubeconfig, settings.getCredentialsId(), settings.getContext(),
                settings.getDomain(), settings.getNamespace(), options, settings.getReadyTimeout(),
                settings.getVerifyTimeout()), workspace, listener);''',
    'Lock': '''        LockWork.Options options = new LockWork.Options();
        options.domain(settings.getDomain());
        options.dnsAddresses(settings.getDnsAddresses());
        options.allowedUrl(settings.getAllowedUrl());
        options.blockedUrl(settings.getBlockedUrl());
        String kubeconfig = KubeconfigCredentials.read(settings.getCredentialsId(), run, "credentialsId");
        return StepRunner.run(new LockWork(kubeconfig, settings.getCredentialsId(), settings.getContext(),
                settings.getNamespace(), options, settings.getReadyTimeout(), settings.getVerifyTimeout()),
                workspace, listener);''',
}
WORK_IMPORT = {'Certs': 'CertsWork', 'Expose': 'ExposeWork', 'Egress': 'EgressWork', 'Lock': 'LockWork'}


def cap(name):
    return name[0].upper() + name[1:]


def jtype(t):
    return 'String' if t in ('String', 'cred') else t


def getter(name, t):
    return ('is' if t == 'boolean' else 'get') + cap(name)


def header():
    return '// Written by plugin/tools/generate_steps.py from its table of parameters; edit the table, not this file.\n'


def settings_interface(key, spec):
    lines = [header(), f'package {PKG};', '',
             'import hudson.FilePath;', 'import hudson.Launcher;', 'import hudson.model.Run;',
             'import hudson.model.TaskListener;', f'import io.jenkins.plugins.kymamtls.work.{WORK_IMPORT[key]};',
             'import java.io.IOException;', 'import java.util.Map;', '',
             f'/** What {spec["function"]} and its build step share: the parameters and the one way to run them. */',
             f'interface {key}Settings {{', '']
    for name, t, default, required, check, title, help_text in spec['fields']:
        lines.append(f'    {jtype(t)} {getter(name, t)}();')
        lines.append('')
    lines.append('    static Map<String, Object> perform(' + key + 'Settings settings, Run<?, ?> run, FilePath workspace, '
                 'Launcher launcher,')
    lines.append('                                       TaskListener listener) throws IOException, InterruptedException {')
    lines.append(WORK[key])
    lines.append('    }')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def fields_and_accessors(spec, cls):
    out = []
    for name, t, default, required, check, title, help_text in spec['fields']:
        jt = jtype(t)
        if required:
            out.append(f'    private final {jt} {name};')
        else:
            init = f' = {default}' if default is not None else ''
            out.append(f'    private {jt} {name}{init};')
    out.append('')
    req = [f for f in spec['fields'] if f[3]]
    out.append('    @DataBoundConstructor')
    out.append(f'    public {cls}(' + ', '.join(f'{jtype(f[1])} {f[0]}' for f in req) + ') {')
    for f in req:
        out.append(f'        this.{f[0]} = Util.fixEmptyAndTrim({f[0]});')
    out.append('    }')
    for name, t, default, required, check, title, help_text in spec['fields']:
        jt = jtype(t)
        out.append('')
        out.append('    @Override')
        out.append(f'    public {jt} {getter(name, t)}() {{')
        out.append(f'        return {name};')
        out.append('    }')
        if not required:
            out.append('')
            out.append('    @DataBoundSetter')
            out.append(f'    public void set{cap(name)}({jt} {name}) {{')
            if jt == 'String':
                fallback = default if default is not None else 'null'
                out.append(f'        String given = Util.fixEmptyAndTrim({name});')
                out.append(f'        this.{name} = given == null ? {fallback} : given;')
            else:
                out.append(f'        this.{name} = {name};')
            out.append('    }')
    return out


def imports(extra, spec):
    base = ['hudson.Extension', 'hudson.FilePath', 'hudson.Launcher', 'hudson.Util', 'hudson.model.Run',
            'hudson.model.TaskListener',
            'org.kohsuke.stapler.DataBoundConstructor', 'org.kohsuke.stapler.DataBoundSetter'] + extra
    if any(f[2] and 'Timeouts' in f[2] for f in spec['fields']):
        base.append('io.jenkins.plugins.kymamtls.resources.Timeouts')
    return [f'import {i};' for i in sorted(set(base))]


def form_methods(spec):
    """What Jenkins calls on the descriptor that owns a config.jelly: a doFill<Field>Items for every
    drop-down (Descriptor.calcFillSettings fails without it) and the engine's check per field. The
    step's and the build step's descriptors get the same ones."""
    out = []
    for name, t, default, required, check, title, help_text in spec['fields']:
        if t == 'cred':
            out += ['', '        @POST', f'        public ListBoxModel doFill{cap(name)}Items(@AncestorInPath Item item,',
                    f'                @QueryParameter String {name}) {{',
                    f'            return KubeconfigCredentials.choices(item, {name});', '        }']
        if check:
            pt = 'int' if t == 'int' else 'String'
            out += ['', '        @POST', f'        public FormValidation doCheck{cap(name)}(@AncestorInPath Item item,',
                    f'                @QueryParameter {pt} value) {{', f'            return Forms.verdict(item, {check});',
                    '        }']
    return out


FORM_IMPORTS = ['hudson.model.Item', 'hudson.util.FormValidation', 'hudson.util.ListBoxModel',
                'org.kohsuke.stapler.AncestorInPath', 'org.kohsuke.stapler.QueryParameter',
                'org.kohsuke.stapler.verb.POST']


def step_class(key, spec):
    cls = spec['step']
    out = [header(), f'package {PKG};', '']
    out += imports(['java.util.Map', 'java.util.Set', 'org.jenkinsci.plugins.workflow.steps.Step',
                    'org.jenkinsci.plugins.workflow.steps.StepContext',
                    'org.jenkinsci.plugins.workflow.steps.StepDescriptor',
                    'org.jenkinsci.plugins.workflow.steps.StepExecution',
                    'org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution'] + FORM_IMPORTS, spec)
    out += ['', f'/** {{@code {spec["function"]}}}: {spec["display"]}. */',
            f'public final class {cls} extends Step implements {key}Settings {{', '']
    out += fields_and_accessors(spec, cls)
    out += ['', '    @Override', '    public StepExecution start(StepContext context) {',
            '        return new Execution(this, context);', '    }', '',
            '    /** Off the pipeline thread: credentials, files and the network are all touched in {@link #run()}. */',
            '    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {', '',
            '        private static final long serialVersionUID = 1L;', '',
            f'        private final transient {cls} step;', '',
            f'        Execution({cls} step, StepContext context) {{', '            super(context);',
            '            this.step = step;', '        }', '', '        @Override',
            '        protected Map<String, Object> run() throws Exception {',
            '            StepContext context = getContext();',
            f'            return {key}Settings.perform(step, context.get(Run.class), context.get(FilePath.class),',
            '                    context.get(Launcher.class), context.get(TaskListener.class));', '        }', '    }', '',
            '    @Extension', '    public static final class DescriptorImpl extends StepDescriptor {', '',
            '        @Override', '        public String getFunctionName() {', f'            return "{spec["function"]}";',
            '        }', '', '        @Override', '        public String getDisplayName() {',
            f'            return "{spec["display"]}";', '        }', '', '        @Override',
            '        public Set<? extends Class<?>> getRequiredContext() {',
            '            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class);', '        }']
    out += form_methods(spec)
    out += ['    }', '}']
    return '\n'.join(out) + '\n'


def builder_class(key, spec):
    cls = spec['builder']
    out = [header(), f'package {PKG};', '']
    extra = ['hudson.EnvVars', 'hudson.tasks.Builder', 'java.io.IOException', 'jenkins.tasks.SimpleBuildStep'] + FORM_IMPORTS
    out += imports(extra, spec)
    out += ['', f'/** The freestyle build step of {{@code {spec["function"]}}}: the same work, the same parameters. */',
            f'public final class {cls} extends Builder implements SimpleBuildStep, {key}Settings {{', '']
    out += fields_and_accessors(spec, cls)
    out += ['', '    @Override',
            '    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)',
            '            throws InterruptedException, IOException {',
            f'        {key}Settings.perform(this, run, workspace, launcher, listener);', '    }', '',
            '    @Extension',
            '    public static final class DescriptorImpl extends KymaBuildStepDescriptor {', '',
            '        @Override', '        public String getDisplayName() {',
            f'            return "{spec["display"]}";', '        }']
    out += form_methods(spec)
    out += ['    }', '}']
    return '\n'.join(out) + '\n'


def jelly(spec):
    out = ['<?jelly escape-by-default=\'true\'?>',
           '<j:jelly xmlns:j="jelly:core" xmlns:f="/lib/form" xmlns:c="/lib/credentials">']
    optional = []
    for name, t, default, required, check, title, help_text in spec['fields']:
        if t == 'cred':
            control = '    <c:select/>'
        elif t == 'boolean':
            control = f'    <f:checkbox default="{default}"/>'
        elif t == 'int':
            control = f'    <f:number default="{"" if default is None else default.replace("Timeouts.DEFAULT_READY_SECONDS", "300").replace("Timeouts.DEFAULT_VERIFY_SECONDS", "120")}"/>'
        else:
            d = '' if default is None else f' default="{html.escape(default.strip(chr(34)))}"'
            control = f'    <f:textbox{d}/>'
        entry = [f'  <f:entry field="{name}" title="{html.escape(title)}">', control, '  </f:entry>']
        if required:
            out += entry
        else:
            optional += ['  ' + line for line in entry]
    if optional:
        out += ['  <f:advanced>'] + optional + ['  </f:advanced>']
    out.append('</j:jelly>')
    return '\n'.join(out) + '\n'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


for key, spec in STEPS.items():
    write(os.path.join(JAVA, f'{key}Settings.java'), settings_interface(key, spec))
    write(os.path.join(JAVA, f'{spec["step"]}.java'), step_class(key, spec))
    write(os.path.join(JAVA, f'{spec["builder"]}.java'), builder_class(key, spec))
    for cls in (spec['step'], spec['builder']):
        folder = os.path.join(RES, cls)
        write(os.path.join(folder, 'config.jelly'), jelly(spec))
        write(os.path.join(folder, 'help.html'),
              f'<div>\n  <p>{spec["summary"]}</p>\n  <p>Example:</p>\n  <pre>{html.escape(spec["example"])}</pre>\n</div>\n')
        for name, t, default, required, check, title, help_text in spec['fields']:
            write(os.path.join(folder, f'help-{name}.html'), f'<div>\n  {help_text}\n</div>\n')
print('written')
