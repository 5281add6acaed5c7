// Evaluates one check against the live session, right now, and says why it fails in the
// learner's languages. Time-based semantics (reached, sustained) live in the grader.

import { parseAllDocuments } from 'yaml';
import { isApiError } from '../sim/api/errors';
import { base64Decode } from '../sim/encoding/base64';
import { explainQos, type QosReason } from '../sim/api/qos';
import { resourceTypeForKind } from '../sim/api/resources';
import type { KubeObject } from '../sim/api/types';
import type { Session } from '../sim/session-types';
import { compareField, compareNumbers, describeMismatch } from './compare';
import type { Localised } from './localised';
import { lastKeyOf, lookupPath, missingListItem } from './paths';
import { compilePattern } from './regex';
import type {
  AbsentCheck,
  AnswerCheck,
  Check,
  CommandCheck,
  ConditionCheck,
  CountCheck,
  EventCheck,
  ExistsCheck,
  FieldCheck,
  FileCheck,
  LogCheck,
  EnvCheck,
  ContainerFileCheck,
  HttpCheck,
  EndpointsCheck,
  DataCheck,
} from './schema';
import { workspacePath } from './workspace';

export interface CheckOutcome {
  passed: boolean;
  /** What was found, or precisely what is missing. */
  reason: Localised;
}

export interface CheckContext {
  session: Session;
  /** Commands before this index of the command log were run before the exercise started. */
  commandLogStart: number;
  /** Where workspace-relative lesson paths live in session.workspace. */
  workspaceRoot: string;
}

export function evaluateCheck(check: Check, context: CheckContext): CheckOutcome {
  try {
    if (check.exists) return evaluateExists(check.exists, context.session);
    if (check.absent) return evaluateAbsent(check.absent, context.session);
    if (check.count) return evaluateCount(check.count, context.session);
    if (check.field) return evaluateField(check.field, context.session);
    if (check.condition) return evaluateCondition(check.condition, context.session);
    if (check.event) return evaluateEvent(check.event, context.session);
    if (check.command) return evaluateCommand(check.command, context);
    if (check.file) return evaluateFile(check.file, context);
    if (check.answer) return evaluateAnswer(check.answer, context);
    if (check.log) return evaluateLog(check.log, context.session);
    if (check.env) return evaluateEnv(check.env, context.session);
    if (check.containerFile) return evaluateContainerFile(check.containerFile, context.session);
    if (check.http) return evaluateHttp(check.http, context.session);
    if (check.endpoints) return evaluateEndpoints(check.endpoints, context.session);
    if (check.data) return evaluateData(check.data, context.session);
    return fail('this check has no kind', '此检查没有类型');
  } catch (error) {
    // A check must never break the lab: report the problem as a failing check.
    const message = error instanceof Error ? error.message : String(error);
    return fail(`could not evaluate: ${message}`, `无法评估：${message}`);
  }
}

function pass(en: string, zh: string): CheckOutcome {
  return { passed: true, reason: { en, zh } };
}

function fail(en: string, zh: string): CheckOutcome {
  return { passed: false, reason: { en, zh } };
}

function namespaceOf(kind: string, namespace: string | undefined): string | undefined {
  const type = resourceTypeForKind(kind);
  if (type && !type.namespaced) return undefined;
  return namespace ?? 'default';
}

/** `Pod "web"`, or `Pod "web" in namespace dev` outside default. */
function describeObject(kind: string, name: string, namespace: string | undefined): Localised {
  if (namespace === undefined || namespace === 'default') return { en: `${kind} "${name}"`, zh: `${kind} "${name}"` };
  return { en: `${kind} "${name}" in namespace ${namespace}`, zh: `命名空间 ${namespace} 中的 ${kind} "${name}"` };
}

function getObject(session: Session, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
  try {
    return session.api.get(kind, namespace, name);
  } catch (error) {
    if (isApiError(error) && error.reason === 'NotFound') return undefined;
    throw error;
  }
}

function notFound(kind: string, name: string, namespace: string | undefined): CheckOutcome {
  const object = describeObject(kind, name, namespace);
  const space = namespace === undefined || namespace === 'default' ? ' ' : '';
  return fail(`${object.en} not found`, `未找到${space}${object.zh}`);
}

function evaluateExists(check: ExistsCheck, session: Session): CheckOutcome {
  const namespace = namespaceOf(check.kind, check.namespace);
  const object = describeObject(check.kind, check.name, namespace);
  if (!getObject(session, check.kind, namespace, check.name)) return notFound(check.kind, check.name, namespace);
  return pass(`${object.en} exists`, `${object.zh} 已存在`);
}

function evaluateAbsent(check: AbsentCheck, session: Session): CheckOutcome {
  const namespace = namespaceOf(check.kind, check.namespace);
  const object = describeObject(check.kind, check.name, namespace);
  const found = getObject(session, check.kind, namespace, check.name);
  if (!found) return pass(`${object.en} is gone`, `${object.zh} 已不存在`);
  if (found.metadata.deletionTimestamp) return fail(`${object.en} is still terminating`, `${object.zh} 仍在终止中`);
  return fail(`${object.en} still exists`, `${object.zh} 仍然存在`);
}

/** Objects being deleted (Terminating) do not count: they are on their way out. */
function liveObjects(session: Session, kind: string, namespace: string | undefined, selector: string | undefined): KubeObject[] {
  const objects = session.api.list(kind, namespace, { labelSelector: selector || undefined, readOnly: true });
  return objects.filter((object) => !object.metadata.deletionTimestamp);
}

function evaluateCount(check: CountCheck, session: Session): CheckOutcome {
  const namespace = namespaceOf(check.kind, check.namespace);
  const count = liveObjects(session, check.kind, namespace, check.selector).length;
  const what = check.selector
    ? { en: `${check.kind} objects with ${check.selector}`, zh: `带有 ${check.selector} 的 ${check.kind}` }
    : { en: `${check.kind} objects`, zh: ` ${check.kind}` };
  if (compareNumbers(count, check.op, check.value)) return pass(`${count} ${what.en}`, `${what.zh.trim()} 数量为 ${count}`);
  return fail(`expected ${check.op} ${check.value} ${what.en}, found ${count}`, `期望${what.zh} 数量 ${check.op} ${check.value}，实际为 ${count}`);
}

function evaluateField(check: FieldCheck, session: Session): CheckOutcome {
  const namespace = namespaceOf(check.kind, check.namespace);
  const key = lastKeyOf(check.path);
  if (check.name !== undefined) {
    const object = getObject(session, check.kind, namespace, check.name);
    if (!object) return notFound(check.kind, check.name, namespace);
    return compareLiveField(object, check, key);
  }
  const objects = liveObjects(session, check.kind, namespace, check.selector);
  if (objects.length === 0) return fail(`no ${check.kind} matches ${check.selector}`, `没有与 ${check.selector} 匹配的 ${check.kind}`);
  for (const object of objects) {
    const outcome = compareLiveField(object, check, key);
    if (!outcome.passed) {
      const name = describeObject(check.kind, object.metadata.name ?? '', namespace);
      return fail(`${name.en}: ${outcome.reason.en}`, `${name.zh}：${outcome.reason.zh}`);
    }
  }
  return pass(`all ${objects.length} match`, `全部 ${objects.length} 个均满足`);
}

function compareObjectField(object: unknown, check: { path: string; op: FieldCheck['op']; value?: unknown }, key: string): CheckOutcome {
  const lookup = lookupPath(object, check.path);
  const actual = lookup.found ? lookup.value : undefined;
  if (compareField(lookup.found, actual, check.op, check.value)) {
    const shown = lookup.found ? JSON.stringify(actual) : 'not set';
    return pass(`${key} is ${shown}`, `${key} 为 ${lookup.found ? shown : '未设置'}`);
  }
  return { passed: false, reason: describeMismatch(key, check.path, lookup.found, actual, check.op, check.value) };
}

const containerLists = new Set(['containers', 'initContainers', 'ephemeralContainers', 'containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']);

/**
 * A field of a live object, with the messages a learner can act on: a container named otherwise is
 * named, a terminated state that a restart moved to lastState is read from there, and a QoS class
 * says which request or limit makes it so.
 */
function compareLiveField(object: KubeObject, check: { path: string; op: FieldCheck['op']; value?: unknown }, key: string): CheckOutcome {
  const afterRestart = check.path.replace(/\]\.state\.terminated\b/, '].lastState.terminated');
  const path = afterRestart !== check.path && !lookupPath(object, check.path).found && lookupPath(object, afterRestart).found ? afterRestart : check.path;
  const outcome = compareObjectField(object, { ...check, path }, key);
  if (outcome.passed) return outcome;
  const missing = missingListItem(object, path);
  if (missing && missing.field === 'name' && containerLists.has(missing.list)) {
    const names = missing.present.join(', ') || 'none';
    return fail(`no container named ${missing.value}; containers: ${names}`, `没有名为 ${missing.value} 的容器；现有容器：${names}`);
  }
  if (path === 'status.qosClass' && object.spec) {
    const why = qosReasonText(explainQos(object.spec).reason);
    return { passed: false, reason: { en: `${outcome.reason.en}: ${why.en}`, zh: `${outcome.reason.zh}：${why.zh}` } };
  }
  return outcome;
}

function qosReasonText(reason: QosReason): Localised {
  switch (reason.kind) {
    case 'nothingSet':
      return { en: 'no container sets a CPU or memory request or limit', zh: '没有容器设置 CPU 或内存的请求或限制' };
    case 'missingLimit':
      return { en: `container ${reason.container} has no ${reason.resource} limit`, zh: `容器 ${reason.container} 没有 ${reason.resource} 限制` };
    case 'requestDiffers':
      return {
        en: `the ${reason.resource} requests (${reason.request}) differ from the limits (${reason.limit})`,
        zh: `${reason.resource} 的请求（${reason.request}）与限制（${reason.limit}）不相等`,
      };
    case 'requestsEqualLimits':
      return { en: 'every container sets CPU and memory limits equal to its requests', zh: '每个容器都设置了与请求相等的 CPU 和内存限制' };
  }
}

function evaluateCondition(check: ConditionCheck, session: Session): CheckOutcome {
  const namespace = namespaceOf(check.kind, check.namespace);
  const object = getObject(session, check.kind, namespace, check.name);
  if (!object) return notFound(check.kind, check.name, namespace);
  const conditions: unknown = object.status?.conditions;
  const condition = Array.isArray(conditions) ? conditions.find((entry) => entry?.type === check.type) : undefined;
  const name = describeObject(check.kind, check.name, namespace);
  if (!condition) return fail(`${name.en} has no ${check.type} condition yet`, `${name.zh} 还没有 ${check.type} 状况`);
  if (condition.status !== check.status) {
    return fail(
      `expected condition ${check.type} to be "${check.status}", found "${condition.status}"`,
      `期望状况 ${check.type} 为 "${check.status}"，实际为 "${condition.status}"`,
    );
  }
  if (check.reason !== undefined && condition.reason !== check.reason) {
    return fail(
      `expected condition ${check.type} with reason ${check.reason}, found ${condition.reason ?? 'no reason'}`,
      `期望状况 ${check.type} 的原因为 ${check.reason}，实际为 ${condition.reason ?? '无'}`,
    );
  }
  return pass(`${check.type} is "${check.status}"`, `${check.type} 为 "${check.status}"`);
}

function evaluateEvent(check: EventCheck, session: Session): CheckOutcome {
  const namespace = check.kind && !resourceTypeForKind(check.kind)?.namespaced ? 'default' : (check.namespace ?? 'default');
  const events = session.api.list('Event', namespace, { readOnly: true });
  const match = events.find((event) => {
    if (event.reason !== check.reason) return false;
    if (check.type && event.type !== check.type) return false;
    if (check.kind && event.involvedObject?.kind !== check.kind) return false;
    if (check.name && event.involvedObject?.name !== check.name) return false;
    if (check.messageContains && !String(event.message ?? '').includes(check.messageContains)) return false;
    return true;
  });
  if (match) return pass(`event ${check.reason} seen: ${match.message ?? ''}`, `已出现事件 ${check.reason}：${match.message ?? ''}`);
  const about = check.kind && check.name ? describeObject(check.kind, check.name, check.namespace) : check.name ? { en: `"${check.name}"`, zh: `"${check.name}"` } : undefined;
  const containing = check.messageContains ? { en: ` containing "${check.messageContains}"`, zh: `（包含 "${check.messageContains}"）` } : { en: '', zh: '' };
  return fail(
    `no ${check.reason} event${about ? ` for ${about.en}` : ''}${containing.en} yet`,
    `${about ? `${about.zh} ` : ''}还没有 ${check.reason} 事件${containing.zh}`,
  );
}

function evaluateCommand(check: CommandCheck, context: CheckContext): CheckOutcome {
  const pattern = compilePattern(check.pattern);
  const log = context.session.commandLog();
  // A reset may have emptied the log: then everything in it belongs to this attempt.
  const start = context.commandLogStart <= log.length ? context.commandLogStart : 0;
  for (const record of log.slice(start)) {
    if (record.exitCode !== undefined && record.exitCode !== 0) continue;
    // Each simple command after alias expansion, and the line as typed.
    for (const text of [...record.commands.map((argv) => argv.join(' ')), record.line.trim()]) {
      if (pattern.test(text)) return pass(`ran: ${text}`, `已运行：${text}`);
    }
  }
  // The check's title names the command; the pattern itself would only confuse.
  return fail('not run yet', '还没有运行过');
}

function readWorkspaceFile(context: CheckContext, path: string): string | undefined {
  const absolute = workspacePath(context.workspaceRoot, path);
  const stat = context.session.workspace.stat(absolute);
  if (!stat || stat.type !== 'file') return undefined;
  return context.session.workspace.readFile(absolute);
}

function evaluateFile(check: FileCheck, context: CheckContext): CheckOutcome {
  const text = readWorkspaceFile(context, check.path);
  if (text === undefined) return fail(`file ${check.path} does not exist`, `文件 ${check.path} 不存在`);
  const documents: unknown[] = [];
  for (const document of parseAllDocuments(text)) {
    const error = document.errors[0];
    if (error) {
      const message = error.message.split('\n')[0];
      return fail(`${check.path} is not valid YAML: ${message}`, `${check.path} 不是有效的 YAML：${message}`);
    }
    const data: unknown = document.toJS();
    if (data !== null && data !== undefined) documents.push(data);
  }
  const wanted = check.kind !== undefined || check.name !== undefined;
  const data = wanted ? documents.find((document) => documentMatches(document, check)) : documents[0];
  if (wanted && data === undefined) {
    const what = [check.kind, check.name].filter(Boolean).join(' ');
    return fail(`${check.path} has no ${what} document`, `${check.path} 中没有 ${what} 文档`);
  }
  if (check.field === undefined) return pass(`${check.path} is valid YAML`, `${check.path} 是有效的 YAML`);
  const outcome = compareObjectField(data, { path: check.field, op: check.op, value: check.value }, lastKeyOf(check.field));
  return { passed: outcome.passed, reason: { en: `${check.path}: ${outcome.reason.en}`, zh: `${check.path}：${outcome.reason.zh}` } };
}

function documentMatches(document: unknown, check: FileCheck): boolean {
  if (typeof document !== 'object' || document === null) return false;
  const object = document as { kind?: unknown; metadata?: { name?: unknown } };
  if (check.kind !== undefined && object.kind !== check.kind) return false;
  if (check.name !== undefined && object.metadata?.name !== check.name) return false;
  return true;
}

function evaluateAnswer(check: AnswerCheck, context: CheckContext): CheckOutcome {
  const text = readWorkspaceFile(context, check.file);
  if (text === undefined) return fail(`write your answer into ${check.file}`, `请把答案写入 ${check.file}`);
  const answer = text.trim();
  if (check.equalsField) {
    // The truth is the live object's field now, not a value the lesson wrote down.
    const { kind, name, path } = check.equalsField;
    const namespace = namespaceOf(kind, check.equalsField.namespace);
    const object = getObject(context.session, kind, namespace, name);
    if (!object) return notFound(kind, name, namespace);
    const lookup = lookupPath(object, path);
    if (!lookup.found || lookup.value === null || typeof lookup.value === 'object') {
      return fail(`${describeObject(kind, name, namespace).en} has no ${lastKeyOf(path)} to compare with yet`, `${describeObject(kind, name, namespace).zh} 还没有可比较的 ${lastKeyOf(path)}`);
    }
    if (answer !== '' && answer === String(lookup.value)) return pass(`the answer in ${check.file} is right`, `${check.file} 中的答案正确`);
    return fail(`the answer in ${check.file} is not right yet`, `${check.file} 中的答案还不正确`);
  }
  if (compilePattern(check.matches ?? '').test(answer)) return pass(`the answer in ${check.file} is right`, `${check.file} 中的答案正确`);
  return fail(`the answer in ${check.file} is not right yet`, `${check.file} 中的答案还不正确`);
}

interface TextExpectation {
  equals?: string;
  contains?: string;
  notContains?: string;
  matches?: string;
}

/** Whether `text` meets every expectation given; the failure names the first one it misses. */
function expectText(what: Localised, text: string, expected: TextExpectation): CheckOutcome {
  const shown = JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
  if (expected.equals !== undefined && text.trim() !== expected.equals.trim()) {
    return fail(`${what.en} is ${shown}, expected ${JSON.stringify(expected.equals)}`, `${what.zh} 为 ${shown}，期望为 ${JSON.stringify(expected.equals)}`);
  }
  if (expected.contains !== undefined && !text.includes(expected.contains)) {
    return fail(`${what.en} does not contain ${JSON.stringify(expected.contains)}`, `${what.zh} 不包含 ${JSON.stringify(expected.contains)}`);
  }
  if (expected.notContains !== undefined && text.includes(expected.notContains)) {
    return fail(`${what.en} contains ${JSON.stringify(expected.notContains)}`, `${what.zh} 包含 ${JSON.stringify(expected.notContains)}`);
  }
  if (expected.matches !== undefined && !compilePattern(expected.matches).test(text)) {
    return fail(`${what.en} does not say what was asked yet`, `${what.zh} 的内容还不符合要求`);
  }
  return pass(`${what.en} is as asked`, `${what.zh} 符合要求`);
}

function hasTextExpectation(expected: TextExpectation): boolean {
  return expected.equals !== undefined || expected.contains !== undefined || expected.notContains !== undefined || expected.matches !== undefined;
}

/** The Pods a container check looks at: the one named, or every live Pod the selector picks (at least one). */
function podsOf(check: { pod?: string; selector?: string; namespace?: string }, session: Session): { pods: KubeObject[] } | { outcome: CheckOutcome } {
  const namespace = check.namespace ?? 'default';
  if (check.pod !== undefined) {
    const pod = getObject(session, 'Pod', namespace, check.pod);
    return pod ? { pods: [pod] } : { outcome: notFound('Pod', check.pod, namespace) };
  }
  const pods = liveObjects(session, 'Pod', namespace, check.selector);
  if (pods.length === 0) return { outcome: fail(`no Pod matches ${check.selector}`, `没有与 ${check.selector} 匹配的 Pod`) };
  return { pods };
}

/** Runs `one` for each Pod the check names; the first failure is the outcome, prefixed with the Pod's name when several count. */
function forEachPod(check: { pod?: string; selector?: string; namespace?: string }, session: Session, one: (pod: KubeObject) => CheckOutcome): CheckOutcome {
  const found = podsOf(check, session);
  if ('outcome' in found) return found.outcome;
  let last: CheckOutcome | undefined;
  for (const pod of found.pods) {
    const outcome = one(pod);
    if (!outcome.passed) {
      if (check.pod !== undefined) return outcome;
      const name = describeObject('Pod', pod.metadata.name ?? '', check.namespace);
      return fail(`${name.en}: ${outcome.reason.en}`, `${name.zh}：${outcome.reason.zh}`);
    }
    last = outcome;
  }
  return found.pods.length === 1 && last ? last : pass(`all ${found.pods.length} Pods are as asked`, `全部 ${found.pods.length} 个 Pod 均符合要求`);
}

function containerOf(check: { container?: string }, pod: KubeObject): string {
  return check.container ?? pod.spec?.containers?.[0]?.name ?? '';
}

function evaluateLog(check: LogCheck, session: Session): CheckOutcome {
  return forEachPod(check, session, (pod) => {
    const container = containerOf(check, pod);
    let text: string;
    try {
      const lines = session.api.logs(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', { container, previous: check.previous });
      text = lines.map((line) => line.text).join('\n');
    } catch (error) {
      if (!isApiError(error)) throw error;
      return fail(error.message, error.message);
    }
    const which = check.previous ? { en: 'the previous log', zh: '上一个实例的日志' } : { en: 'the log', zh: '日志' };
    return expectText({ en: `${which.en} of container ${container}`, zh: `容器 ${container} ${which.zh}` }, text, check);
  });
}

function evaluateEnv(check: EnvCheck, session: Session): CheckOutcome {
  return forEachPod(check, session, (pod) => {
    const container = containerOf(check, pod);
    const env = session.inspect.containerEnv({ namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name ?? '', container });
    if ('error' in env) return fail(env.error, env.error);
    const value = env.value.get(check.variable);
    if (value === undefined) return fail(`${check.variable} is not set in container ${container}`, `容器 ${container} 中没有设置 ${check.variable}`);
    if (!hasTextExpectation(check)) return pass(`${check.variable} is set`, `${check.variable} 已设置`);
    return expectText({ en: `${check.variable} in container ${container}`, zh: `容器 ${container} 中的 ${check.variable}` }, value, check);
  });
}

function evaluateContainerFile(check: ContainerFileCheck, session: Session): CheckOutcome {
  return forEachPod(check, session, (pod) => {
    const container = containerOf(check, pod);
    const file = session.inspect.containerFile({ namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name ?? '', container }, check.path);
    if ('error' in file) return fail(`in container ${container}: ${file.error}`, `容器 ${container} 中：${file.error}`);
    if (!hasTextExpectation(check)) return pass(`${check.path} exists`, `${check.path} 已存在`);
    return expectText({ en: `${check.path} in container ${container}`, zh: `容器 ${container} 中的 ${check.path}` }, file.value, check);
  });
}

function evaluateHttp(check: HttpCheck, session: Session): CheckOutcome {
  const from = check.from.node !== undefined ? { node: check.from.node } : { namespace: check.from.namespace ?? 'default', pod: check.from.pod ?? '' };
  const origin = 'node' in from ? { en: `from ${from.node}`, zh: `从 ${from.node}` } : { en: `from Pod "${from.pod}"`, zh: `从 Pod "${from.pod}"` };
  const answers = session.inspect.httpGet(from, check.url);
  if ('error' in answers) return fail(answers.error, answers.error);
  for (const answer of answers.value) {
    const request = { en: `GET ${check.url} ${origin.en}`, zh: `${origin.zh}请求 GET ${check.url}` };
    if (answer.status === undefined) return fail(`${request.en}: ${answer.error ?? 'no answer'}`, `${request.zh}：${answer.error ?? '没有响应'}`);
    if (answer.status !== check.status) return fail(`${request.en} answered ${answer.status}, expected ${check.status}`, `${request.zh} 返回 ${answer.status}，期望 ${check.status}`);
    if (check.body) {
      const outcome = expectText({ en: `the page at ${check.url}`, zh: `${check.url} 的页面` }, answer.body ?? '', check.body);
      if (!outcome.passed) return outcome;
    }
  }
  const every = answers.value.length > 1 ? { en: ` (all ${answers.value.length} endpoints)`, zh: `（全部 ${answers.value.length} 个端点）` } : { en: '', zh: '' };
  return pass(`GET ${check.url} ${origin.en} answered ${check.status}${every.en}`, `${origin.zh}请求 GET ${check.url} 返回 ${check.status}${every.zh}`);
}

function evaluateEndpoints(check: EndpointsCheck, session: Session): CheckOutcome {
  const namespace = check.namespace ?? 'default';
  const service = getObject(session, 'Service', namespace, check.service);
  if (!service) return notFound('Service', check.service, namespace);
  const endpoints = getObject(session, 'Endpoints', namespace, check.service);
  const subsets: { addresses?: unknown[] }[] = Array.isArray(endpoints?.subsets) ? endpoints.subsets : [];
  const ready = subsets.reduce((sum, subset) => sum + (subset.addresses?.length ?? 0), 0);
  if (compareNumbers(ready, check.op, check.value)) return pass(`Service "${check.service}" has ${ready} ready endpoints`, `Service "${check.service}" 有 ${ready} 个就绪端点`);
  const selector: Record<string, string> | undefined = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) {
    return fail(`Service "${check.service}" has no selector, so no Pod is behind it`, `Service "${check.service}" 没有选择算符，因此没有 Pod 在它后面`);
  }
  const selectorText = Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(',');
  const selected = liveObjects(session, 'Pod', namespace, selectorText);
  const why =
    selected.length === 0
      ? { en: `no Pod has the labels ${selectorText}`, zh: `没有 Pod 带有标签 ${selectorText}` }
      : { en: `${selected.length} Pods match ${selectorText}, ${ready} of them ready`, zh: `${selected.length} 个 Pod 匹配 ${selectorText}，其中 ${ready} 个就绪` };
  return fail(`expected ${check.op} ${check.value} ready endpoints behind Service "${check.service}": ${why.en}`, `期望 Service "${check.service}" 后面的就绪端点数 ${check.op} ${check.value}：${why.zh}`);
}

function evaluateData(check: DataCheck, session: Session): CheckOutcome {
  const namespace = check.namespace ?? 'default';
  const object = getObject(session, check.kind, namespace, check.name);
  if (!object) return notFound(check.kind, check.name, namespace);
  const stored: unknown = object.data?.[check.key];
  const name = describeObject(check.kind, check.name, namespace);
  if (typeof stored !== 'string') return fail(`${name.en} has no key ${check.key}`, `${name.zh} 没有键 ${check.key}`);
  const value = check.kind === 'Secret' ? base64Decode(stored) : stored;
  if (value === undefined) return fail(`${name.en}: ${check.key} is not valid base64`, `${name.zh}：${check.key} 不是有效的 base64`);
  return expectText({ en: `${check.key} of ${name.en}`, zh: `${name.zh} 的 ${check.key}` }, value, check);
}
