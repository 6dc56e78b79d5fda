package io.kessai.center.ops;

/** UP: serving; DOWN: a load balancer should send traffic elsewhere. */
public enum HealthStatus {
    UP,
    DOWN
}
