#include "cluster/cluster_metrics.hpp"

namespace veche::cluster {
namespace {

constexpr const char* append_failures_help =
    "Appends that failed: fenced (another node appended first), too large for NATS, or given up";

}  // namespace

cluster_metrics::cluster_metrics(metrics_registry& r)
    : sessions_owned(r.make_gauge("veche_cluster_sessions_owned", "Sessions this node sequences (holds the lease of)")),
      leases_acquired(r.make_counter("veche_cluster_leases_total", "Session leases taken or lost by this node",
                                     {{"change", "acquired"}})),
      leases_lost(r.make_counter("veche_cluster_leases_total", "Session leases taken or lost by this node",
                                 {{"change", "lost"}})),
      appends(r.make_counter("veche_cluster_appends_total", "Messages stored in the stream by this node")),
      appended_batches(r.make_counter("veche_cluster_appended_batches_total",
                                      "Room batches in the messages this node stored (group commit)")),
      append_retries(r.make_counter("veche_cluster_append_retries_total",
                                    "Appends tried again because NATS did not answer")),
      appends_fenced(r.make_counter("veche_cluster_append_failures_total", append_failures_help, {{"reason", "fenced"}})),
      appends_too_large(
          r.make_counter("veche_cluster_append_failures_total", append_failures_help, {{"reason", "too_large"}})),
      append_failures(
          r.make_counter("veche_cluster_append_failures_total", append_failures_help, {{"reason", "unavailable"}})),
      forwarded(r.make_counter("veche_cluster_forwarded_total", "Commands forwarded to the session's sequencer")),
      forward_failures(r.make_counter("veche_cluster_forward_failures_total",
                                      "Forwarded commands that got no answer (no sequencer, or none in time)")),
      served(r.make_counter("veche_cluster_served_total", "Commands other nodes forwarded to this sequencer")),
      replicated(r.make_counter("veche_cluster_replicated_total", "Stream messages applied to this node's replicas")),
      unreadable(r.make_counter("veche_cluster_unreadable_total", "Stream messages that did not decode (skipped)")) {}

}  // namespace veche::cluster
