#pragma once
// The cluster's figures in /metrics (docs/operations.md lists them).

#include "common/metrics_registry.hpp"

namespace veche::cluster {

struct cluster_metrics {
    explicit cluster_metrics(metrics_registry& r);

    gauge& sessions_owned;     // sessions this node sequences
    counter& leases_acquired;  // sessions taken (at start, or from a node that died)
    counter& leases_lost;      // sessions another node took
    counter& appends;          // messages stored in the stream
    counter& appended_batches; // room batches in those messages
    counter& append_retries;   // appends tried again (NATS did not answer)
    counter& appends_fenced;   // appends refused: another node appended first
    counter& appends_too_large; // appends refused: the message is over the NATS servers' max_payload
    counter& append_failures;  // appends given up (NATS unreachable too long, or the lease gone)
    counter& forwarded;        // commands sent to another node's sequencer
    counter& forward_failures; // of those, no answer (no sequencer, or none in time)
    counter& served;           // commands other nodes forwarded here
    counter& replicated;       // stream messages applied to this node's replicas
    counter& unreadable;       // stream messages that did not decode (skipped)
};

}  // namespace veche::cluster
