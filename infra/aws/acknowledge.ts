import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The resource of a policy statement as cdk-nag names it in a finding (`<Logical.Arn>`, `<AWS::Partition>`), so
 * that an acknowledgement names exactly one resource, whatever the logical ids and the deployment environment.
 */
export function findingResource(scope: IConstruct, value: string): string {
  const visit = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
    const n = node as Record<string, unknown>;
    if (n['Fn::Join']) {
      const [delimiter, items] = n['Fn::Join'] as [string, unknown[]];
      return items.map(visit).join(delimiter);
    }
    if (n['Fn::GetAtt']) {
      const [resource, attribute] = n['Fn::GetAtt'] as [unknown, unknown];
      return `<${visit(resource)}.${visit(attribute)}>`;
    }
    if (n.Ref) return `<${visit(n.Ref)}>`;
    return JSON.stringify(node);
  };
  return visit(Stack.of(scope).resolve(value));
}

/** Acknowledges one cdk-nag finding on a construct (and what it contains), with the reason it is acceptable. */
export function acknowledge(scope: IConstruct, id: string, reason: string) {
  Validations.of(scope).acknowledge({ id, reason });
}

/** Acknowledges a wildcard-resource finding (AwsSolutions-IAM5) for one resource pattern. */
export function acknowledgeWildcard(scope: IConstruct, resource: string, reason: string) {
  acknowledge(scope, `AwsSolutions-IAM5[Resource::${findingResource(scope, resource)}]`, reason);
}
