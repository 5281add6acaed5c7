// What `kubectl get` and `kubectl describe` print of a HorizontalPodAutoscaler (printers.go's
// printHorizontalPodAutoscaler and formatHPAMetrics; describe.go's describeHorizontalPodAutoscalerV2).
import type { KubeObject } from '../../api/types';
import { age } from './cells';
import { DescribeWriter } from './describe-writer';
import { describeTime, eventsFor, writeAnnotations, writeEvents, writeLabels, type DescribeContext } from './describe-common';

interface MetricTarget {
  type?: string;
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}
interface MetricSpec {
  type: string;
  resource?: { name: string; target?: MetricTarget };
  containerResource?: { name: string; container: string; target?: MetricTarget };
  pods?: { metric?: { name?: string }; target?: MetricTarget };
  object?: { metric?: { name?: string }; describedObject?: { kind?: string; name?: string }; target?: MetricTarget };
  external?: { metric?: { name?: string }; target?: MetricTarget };
}
interface MetricValue {
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}
interface MetricStatus {
  resource?: { current?: MetricValue };
  containerResource?: { current?: MetricValue };
  pods?: { current?: MetricValue };
  object?: { current?: MetricValue };
  external?: { current?: MetricValue };
}

function currentOf(statuses: MetricStatus[], i: number, source: keyof MetricStatus): MetricValue | undefined {
  return statuses[i]?.[source]?.current;
}

/** One metric as the TARGETS column shows it: `cpu: 0%/50%`, `cpu: <unknown>/50%`. */
function formatMetric(spec: MetricSpec, statuses: MetricStatus[], i: number): string {
  switch (spec.type) {
    case 'Resource':
    case 'ContainerResource': {
      const source = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const metric = spec[source];
      const label = spec.type === 'Resource' ? (metric?.name ?? '') : `${metric?.name ?? ''}/${spec.containerResource?.container ?? ''}`;
      const current = currentOf(statuses, i, source);
      if (metric?.target?.averageValue !== undefined) return `${label}: ${current?.averageValue ?? '<unknown>'}/${metric.target.averageValue}`;
      const utilization = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>';
      const target = metric?.target?.averageUtilization !== undefined ? `${metric.target.averageUtilization}%` : '<auto>';
      return `${label}: ${utilization}/${target}`;
    }
    case 'Pods':
      return `${currentOf(statuses, i, 'pods')?.averageValue ?? '<unknown>'}/${spec.pods?.target?.averageValue ?? ''}`;
    case 'Object': {
      const target = spec.object?.target;
      const current = currentOf(statuses, i, 'object');
      if (target?.averageValue !== undefined) return `${current?.averageValue ?? '<unknown>'}/${target.averageValue} (avg)`;
      return `${current?.value ?? '<unknown>'}/${target?.value ?? ''}`;
    }
    case 'External': {
      const target = spec.external?.target;
      const current = currentOf(statuses, i, 'external');
      if (target?.averageValue !== undefined) return `${current?.averageValue ?? '<unknown>'}/${target.averageValue} (avg)`;
      return `${current?.value ?? '<unknown>'}/${target?.value ?? ''}`;
    }
    default:
      return '<unknown type>';
  }
}

/** The TARGETS column: the first two metrics, then `+ N more...`. */
function formatMetrics(hpa: KubeObject): string {
  const specs: MetricSpec[] = hpa.spec?.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const statuses: MetricStatus[] = hpa.status?.currentMetrics ?? [];
  const shown = specs.slice(0, 2).map((spec, i) => formatMetric(spec, statuses, i));
  return specs.length > 2 ? `${shown.join(', ')} + ${specs.length - 2} more...` : shown.join(', ');
}

export const horizontalPodAutoscalerTable = {
  columns: ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age'].map((name) => ({ name })),
  row: (hpa: KubeObject, now: number): string[] => {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const min = hpa.spec?.minReplicas;
    return [hpa.metadata.name ?? '', `${ref.kind ?? ''}/${ref.name ?? ''}`, formatMetrics(hpa), typeof min === 'number' ? String(min) : '<unset>', String(hpa.spec?.maxReplicas ?? 0), String(hpa.status?.currentReplicas ?? 0), age(hpa, now)];
  },
};

function describeMetric(w: DescribeWriter, spec: MetricSpec, statuses: MetricStatus[], i: number): void {
  switch (spec.type) {
    case 'Resource':
    case 'ContainerResource': {
      const source = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const metric = spec[source];
      const where = spec.type === 'Resource' ? `resource ${metric?.name ?? ''} on pods` : `resource ${metric?.name ?? ''} of container "${spec.containerResource?.container ?? ''}" on pods`;
      const current = currentOf(statuses, i, source);
      if (metric?.target?.averageValue !== undefined) {
        w.write(1, `${where}:\t${current?.averageValue ?? '<unknown>'} / ${metric.target.averageValue}\n`);
        return;
      }
      const utilization = current?.averageUtilization !== undefined ? `${current.averageUtilization}% (${current.averageValue ?? '0'})` : '<unknown>';
      const target = metric?.target?.averageUtilization !== undefined ? `${metric.target.averageUtilization}%` : '<auto>';
      w.write(1, `${where}  (as a percentage of request):\t${utilization} / ${target}\n`);
      return;
    }
    case 'Pods':
      w.write(1, `"${spec.pods?.metric?.name ?? ''}" on pods:\t${currentOf(statuses, i, 'pods')?.averageValue ?? '<unknown>'} / ${spec.pods?.target?.averageValue ?? ''}\n`);
      return;
    default:
      w.write(1, `<unknown metric type ${JSON.stringify(spec.type)}>\n`);
  }
}

interface Rules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: { type: string; value: number; periodSeconds: number }[];
}

function describeRules(w: DescribeWriter, direction: string, rules: Rules | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if ((rules.policies ?? []).length > 0) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(2, 'Policies:\n');
    for (const policy of rules.policies!) w.write(3, `- Type: ${policy.type}\tValue: ${policy.value}\tPeriod: ${policy.periodSeconds} seconds\n`);
  }
}

export function describeHorizontalPodAutoscaler(hpa: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  w.line(0, 'Name:', hpa.metadata.name ?? '');
  w.line(0, 'Namespace:', hpa.metadata.namespace ?? '');
  writeLabels(w, 'Labels', hpa.metadata.labels);
  writeAnnotations(w, 'Annotations', hpa.metadata.annotations);
  w.line(0, 'CreationTimestamp:', describeTime(hpa.metadata.creationTimestamp));
  w.line(0, 'Reference:', `${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}`);
  w.line(0, 'Metrics:', '( current / target )');
  const statuses: MetricStatus[] = status.currentMetrics ?? [];
  ((spec.metrics ?? []) as MetricSpec[]).forEach((metric, i) => describeMetric(w, metric, statuses, i));
  w.line(0, 'Min replicas:', typeof spec.minReplicas === 'number' ? spec.minReplicas : '<unset>');
  w.line(0, 'Max replicas:', spec.maxReplicas ?? 0);
  if (spec.behavior) {
    w.write(0, 'Behavior:\n');
    describeRules(w, 'Scale Up', spec.behavior.scaleUp);
    describeRules(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.line(0, `${spec.scaleTargetRef?.kind ?? ''} pods:`, `${status.currentReplicas ?? 0} current / ${status.desiredReplicas ?? 0} desired`);
  const conditions: { type: string; status: string; reason?: string; message?: string }[] = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  writeEvents(w, eventsFor(hpa, ctx), ctx.now);
  return w.toString();
}
