/**
 * The Kubernetes backend: a job's services in one pod, built as GitLab Runner's Kubernetes executor
 * builds it ({@link dev.ciservices.kubernetes.KubernetesBackend}).
 */
@NullMarked
package dev.ciservices.kubernetes;

import org.jspecify.annotations.NullMarked;
