#!/usr/bin/env bash
# The cluster add-ons the manifests need, installed or upgraded with Helm into the EKS cluster the current kubeconfig
# names (aws eks update-kubeconfig --name poctracker --region sa-east-1). Run after `cdk deploy --all`, before the
# first `kubectl apply -k manifests/overlays/aws`; the deploy workflow runs it every time (upgrades are no-ops when
# nothing changed). docs/aws.md, "After the first deployment".
#
# Chart versions are pinned here, in one place; Dapr's is the runtime dapr.yaml and distributed.yml run (1.19.0).
# The AWS Load Balancer Controller needs an IAM role with the controller's published policy, which the CDK stacks do
# not make (docs/aws.md): pass its ARN as ALB_CONTROLLER_ROLE_ARN, or the controller is left out with a warning.
set -euo pipefail

DAPR_VERSION=1.19.0
EXTERNAL_SECRETS_VERSION=0.17.0            # serves external-secrets.io/v1, what the aws overlay uses
METRICS_SERVER_VERSION=3.12.2              # the HPAs' CPU metrics
KUBE_PROMETHEUS_STACK_VERSION=65.1.1       # Prometheus Operator (PrometheusRule, PodMonitor), Grafana, kube-state-metrics
ALB_CONTROLLER_VERSION=1.9.2
CLUSTER_NAME=${CLUSTER_NAME:-poctracker}
REGION=${AWS_REGION:-sa-east-1}

command -v helm >/dev/null 2>&1 || { echo "helm is needed (https://helm.sh/docs/intro/install/)." >&2; exit 1; }
command -v kubectl >/dev/null 2>&1 || { echo "kubectl is needed." >&2; exit 1; }

helm repo add dapr https://dapr.github.io/helm-charts/ --force-update >/dev/null
helm repo add external-secrets https://charts.external-secrets.io --force-update >/dev/null
helm repo add metrics-server https://kubernetes-sigs.github.io/metrics-server/ --force-update >/dev/null
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update >/dev/null
helm repo add eks https://aws.github.io/eks-charts --force-update >/dev/null
helm repo update >/dev/null

# Dapr's control plane in HA (three replicas of each service, spread over the zones by the chart's anti-affinity).
helm upgrade --install dapr dapr/dapr --version "$DAPR_VERSION" --namespace dapr-system --create-namespace \
  --set global.ha.enabled=true --wait --timeout 10m

helm upgrade --install external-secrets external-secrets/external-secrets --version "$EXTERNAL_SECRETS_VERSION" \
  --namespace external-secrets --create-namespace --set installCRDs=true --wait --timeout 10m

helm upgrade --install metrics-server metrics-server/metrics-server --version "$METRICS_SERVER_VERSION" \
  --namespace kube-system --wait --timeout 5m

# The release name is the label the PrometheusRule and PodMonitors carry (release: kube-prometheus-stack); Grafana's
# sidecar loads the dashboards' ConfigMaps (grafana_dashboard: "1") from every namespace.
helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
  --version "$KUBE_PROMETHEUS_STACK_VERSION" --namespace monitoring --create-namespace \
  --set grafana.sidecar.dashboards.enabled=true --set grafana.sidecar.dashboards.searchNamespace=ALL \
  --wait --timeout 15m

if [ -n "${ALB_CONTROLLER_ROLE_ARN:-}" ]; then
  vpc_id=$(aws eks describe-cluster --name "$CLUSTER_NAME" --region "$REGION" --query 'cluster.resourcesVpcConfig.vpcId' --output text)
  helm upgrade --install aws-load-balancer-controller eks/aws-load-balancer-controller --version "$ALB_CONTROLLER_VERSION" \
    --namespace kube-system --set clusterName="$CLUSTER_NAME" --set region="$REGION" --set vpcId="$vpc_id" \
    --set serviceAccount.name=aws-load-balancer-controller \
    --set-string "serviceAccount.annotations.eks\.amazonaws\.com/role-arn=$ALB_CONTROLLER_ROLE_ARN" \
    --wait --timeout 10m
else
  echo "warning: ALB_CONTROLLER_ROLE_ARN is not set: the AWS Load Balancer Controller was not installed or upgraded," \
    "and the gateway's Ingress gets no load balancer without it (docs/aws.md, \"After the first deployment\")." >&2
fi
