/**
 * deploy/compose.yaml, deploy/haproxy.cfg and deploy/kubernetes.yaml, checked without Docker or a
 * cluster (no kubeconform in the npm or Debian registries here):
 *   1. each YAML file parses (the `yaml` package; every document, no warnings);
 *   2. the fields that make a rolling restart drop nothing are there and agree with each other:
 *      health paths are the config's defaults, grace periods exceed SHUTDOWN_DELAY_MS +
 *      SHUTDOWN_TIMEOUT_MS, the load balancer's checks mark a draining instance DOWN before it
 *      stops accepting, selectors and the HPA target match the Deployment;
 *   3. every environment variable the files give nextpress passes the real config schema;
 *   4. the Kubernetes objects use only field names Kubernetes knows (a typo such as `readinesProbe`
 *      would be ignored by kubectl's non-strict apply, so it is caught here).
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../config';
import { parseDuration } from '../../config/parse-duration';

const ROOT = path.join(__dirname, '../..');
const DEPLOY = path.join(ROOT, 'deploy');
const defaults = loadConfig({}, { cwd: ROOT, envFile: false });
const TEST_SECRET = 'a-deploy-test-secret-of-32-chars!!';

type Tree = Record<string, any>;

/** Every YAML document of deploy/<file>, as plain objects; a parse error or warning names the file. */
function readDocuments(file: string): Tree[] {
  const docs = parseAllDocuments(readFileSync(path.join(DEPLOY, file), 'utf8'));
  if (!Array.isArray(docs)) throw new Error(`deploy/${file}: not a YAML stream`);
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`deploy/${file}: ${doc.errors.map((e) => e.message).join('; ')}; fix the YAML`);
    if (doc.warnings.length > 0) throw new Error(`deploy/${file}: ${doc.warnings.map((e) => e.message).join('; ')}`);
  }
  return docs.map((doc) => doc.toJS() as Tree);
}

function readYaml(file: string): Tree {
  const docs = readDocuments(file);
  if (docs.length !== 1) throw new Error(`deploy/${file}: expected one YAML document, found ${docs.length}`);
  return docs[0];
}

function ms(value: string): number {
  const parsed = parseDuration(value);
  if (parsed === undefined) throw new Error(`"${value}" is not a duration`);
  return parsed;
}

/** The config nextpress would run with, from a file's environment (secrets given test values). */
function configFrom(env: Record<string, string>) {
  return loadConfig({ ...env, AUTH_SECRET: TEST_SECRET }, { cwd: ROOT, envFile: false });
}

describe('deploy/compose.yaml', () => {
  const compose = readYaml('compose.yaml');
  const { redis, nextpress, haproxy } = compose.services;
  const env = nextpress.environment as Record<string, string>;

  test('three services: redis, nextpress (3 replicas built from the Dockerfile), haproxy', () => {
    expect(Object.keys(compose)).toEqual(['services']); // no `name:`: docker-compose 1.29 rejects it
    expect(Object.keys(compose.services)).toEqual(['redis', 'nextpress', 'haproxy']);
    expect(nextpress.build).toEqual({ context: '..', dockerfile: 'Dockerfile' });
    expect(existsSync(path.join(DEPLOY, nextpress.build.context, nextpress.build.dockerfile))).toBe(true);
    expect(nextpress.deploy.replicas).toBe(3);
    expect(redis.command).toEqual(['redis-server', '--save', '', '--appendonly', 'no']);
    expect(haproxy.ports).toEqual(['8080:8080']);
  });

  test('healthchecks: redis-cli ping; nextpress asks its READY_PATH on port 3000', () => {
    expect(redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
    const probe = nextpress.healthcheck.test as string[];
    expect(probe.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(probe[3]).toContain(`http://127.0.0.1:3000${defaults.health.readyPath}`);
    expect(probe[3]).toContain('r.status === 200');
  });

  test('depends_on waits for health: nextpress on redis, haproxy on nextpress', () => {
    expect(nextpress.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(haproxy.depends_on).toEqual({ nextpress: { condition: 'service_healthy' } });
  });

  test('the environment passes the config schema: shared Redis, a required AUTH_SECRET, one process per container', () => {
    expect(env.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?.+\}$/);
    const config = configFrom(env);
    expect(config.cache.url).toBe('redis://redis:6379');
    expect(config.nodeEnv).toBe('production');
    expect(config.webConcurrency).toBe(1);
    expect(config.timeouts).toMatchObject({ shutdownDelayMs: 3000, shutdownMs: 10_000 });
  });

  test('stop_grace_period is above SHUTDOWN_DELAY_MS + SHUTDOWN_TIMEOUT_MS', () => {
    const config = configFrom(env);
    expect(ms(nextpress.stop_grace_period)).toBe(20_000);
    expect(ms(nextpress.stop_grace_period)).toBeGreaterThan(config.timeouts.shutdownDelayMs + config.timeouts.shutdownMs);
  });

  test('haproxy mounts deploy/haproxy.cfg where the image reads it', () => {
    expect(haproxy.volumes).toEqual(['./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro']);
    expect(existsSync(path.join(DEPLOY, 'haproxy.cfg'))).toBe(true);
  });
});

describe('deploy/haproxy.cfg', () => {
  const cfg = readFileSync(path.join(DEPLOY, 'haproxy.cfg'), 'utf8');
  const lines = cfg
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const compose = readYaml('compose.yaml');

  test('health checks GET READY_PATH and expect 200', () => {
    expect(lines).toContain('option httpchk');
    expect(lines).toContain(`http-check send meth GET uri ${defaults.health.readyPath}`);
    expect(lines).toContain('http-check expect status 200');
    expect(lines).toContain('timeout check 2s');
  });

  test('one server slot per compose replica, on the port nextpress listens on', () => {
    const template = lines.find((line) => line.startsWith('server-template '));
    expect(template).toBe(`server-template nextpress- ${compose.services.nextpress.deploy.replicas} nextpress:3000 check`);
    expect(compose.services.nextpress.expose).toEqual(['3000']);
  });

  test('a draining replica is marked DOWN (inter x fall) before SHUTDOWN_DELAY_MS ends', () => {
    const line = lines.find((l) => l.startsWith('default-server '));
    const inter = ms(/\binter (\S+)/.exec(line ?? '')?.[1] ?? 'missing');
    const fall = Number(/\bfall (\d+)/.exec(line ?? '')?.[1]);
    expect([inter, fall]).toEqual([1000, 2]);
    const config = configFrom(compose.services.nextpress.environment);
    expect(inter * fall).toBeLessThan(config.timeouts.shutdownDelayMs);
  });

  test('refused connections are retried on another replica; one request per server connection', () => {
    expect(lines).toEqual(expect.arrayContaining(['retries 3', 'option redispatch 1', 'retry-on conn-failure empty-response', 'option http-server-close']));
  });
});

// Field names Kubernetes accepts for the parts of the objects used here (a subset of the API: only
// what a nextpress manifest needs; add a name here when the manifest starts using it).
const KNOWN: Record<string, string[]> = {
  deploymentSpec: ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'paused'],
  podSpec: [
    'containers',
    'initContainers',
    'volumes',
    'terminationGracePeriodSeconds',
    'securityContext',
    'serviceAccountName',
    'affinity',
    'tolerations',
    'topologySpreadConstraints',
    'nodeSelector',
    'imagePullSecrets',
    'priorityClassName',
  ],
  container: [
    'name',
    'image',
    'imagePullPolicy',
    'command',
    'args',
    'ports',
    'env',
    'envFrom',
    'readinessProbe',
    'livenessProbe',
    'startupProbe',
    'lifecycle',
    'resources',
    'securityContext',
    'volumeMounts',
    'workingDir',
  ],
  probe: [
    'httpGet',
    'tcpSocket',
    'exec',
    'grpc',
    'initialDelaySeconds',
    'periodSeconds',
    'timeoutSeconds',
    'failureThreshold',
    'successThreshold',
    'terminationGracePeriodSeconds',
  ],
  httpGet: ['path', 'port', 'host', 'scheme', 'httpHeaders'],
  hpaSpec: ['scaleTargetRef', 'minReplicas', 'maxReplicas', 'metrics', 'behavior'],
  serviceSpec: ['type', 'selector', 'ports', 'clusterIP', 'sessionAffinity', 'externalTrafficPolicy', 'internalTrafficPolicy'],
};

function unknownKeys(value: Tree, known: string, where: string): string[] {
  return Object.keys(value)
    .filter((key) => !KNOWN[known].includes(key))
    .map((key) => `${where}.${key}`);
}

describe('deploy/kubernetes.yaml', () => {
  const objects = readDocuments('kubernetes.yaml');
  const byKind = (kind: string) => {
    const found = objects.filter((o) => o.kind === kind);
    if (found.length !== 1) throw new Error(`deploy/kubernetes.yaml: expected one ${kind}, found ${found.length}`);
    return found[0];
  };
  const deployment = byKind('Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  // Plain values only: the secrets' values are the cluster's (configFrom gives AUTH_SECRET a test one).
  const env = Object.fromEntries(
    (container.env as Array<{ name: string; value?: string }>).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]),
  );

  test('objects: Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler, each with its apiVersion and a name', () => {
    expect(objects.map((o) => [o.apiVersion, o.kind, o.metadata.name])).toEqual([
      ['apps/v1', 'Deployment', 'nextpress'],
      ['v1', 'Service', 'nextpress'],
      ['policy/v1', 'PodDisruptionBudget', 'nextpress'],
      ['autoscaling/v2', 'HorizontalPodAutoscaler', 'nextpress'],
    ]);
  });

  test('only known field names (a misspelt probe would be silently ignored)', () => {
    const problems = [
      ...unknownKeys(deployment.spec, 'deploymentSpec', 'Deployment.spec'),
      ...unknownKeys(pod, 'podSpec', 'pod spec'),
      ...unknownKeys(container, 'container', 'container'),
      ...['readinessProbe', 'livenessProbe', 'startupProbe'].flatMap((p) => [
        ...unknownKeys(container[p], 'probe', p),
        ...unknownKeys(container[p].httpGet, 'httpGet', `${p}.httpGet`),
      ]),
      ...unknownKeys(byKind('HorizontalPodAutoscaler').spec, 'hpaSpec', 'HPA.spec'),
      ...unknownKeys(byKind('Service').spec, 'serviceSpec', 'Service.spec'),
    ];
    expect(problems).toEqual([]);
  });

  test('probes: readiness on READY_PATH, liveness and startup on HEALTH_PATH, on the named container port 3000', () => {
    expect(container.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: defaults.health.readyPath, port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: defaults.health.livePath, port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: defaults.health.livePath, port: 'http' });
  });

  test('the environment passes the config schema', () => {
    const config = configFrom(env);
    expect(config.timeouts).toMatchObject({ shutdownDelayMs: 2000, shutdownMs: 10_000 });
    expect(config.webConcurrency).toBe(1);
    expect(config.trustProxy).toBe(1);
    const fromSecrets = (container.env as Tree[]).filter((e) => e.valueFrom !== undefined).map((e) => [e.name, e.valueFrom]);
    expect(fromSecrets).toEqual([
      ['AUTH_SECRET', { secretKeyRef: { name: 'nextpress', key: 'auth-secret' } }],
      ['CACHE_URL', { secretKeyRef: { name: 'nextpress', key: 'cache-url' } }],
    ]);
  });

  test('terminationGracePeriodSeconds is above preStop + SHUTDOWN_DELAY_MS + SHUTDOWN_TIMEOUT_MS', () => {
    const config = configFrom(env);
    const command = container.lifecycle.preStop.exec.command as string[];
    expect(command).toEqual(['node', '-e', 'setTimeout(() => {}, 5000)']);
    const preStopMs = Number(/setTimeout\(\(\) => \{\}, (\d+)\)/.exec(command[2])?.[1]);
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(preStopMs + config.timeouts.shutdownDelayMs + config.timeouts.shutdownMs);
  });

  test('rolling updates never go below the replica count; resources are set (the HPA needs a CPU request)', () => {
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } });
  });

  test('selectors: the Deployment, the Service and the PDB all select the pod labels', () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    expect(byKind('Service').spec.selector).toEqual(labels);
    expect(byKind('Service').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(byKind('PodDisruptionBudget').spec.selector.matchLabels).toEqual(labels);
  });

  test('the HPA targets the Deployment, from its replica count up', () => {
    const hpa = byKind('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: deployment.apiVersion, kind: 'Deployment', name: deployment.metadata.name });
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([deployment.spec.replicas, 10]);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });
});
