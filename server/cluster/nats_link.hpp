#pragma once
// One connection to the NATS servers and its JetStream context. It reconnects
// by itself for ever (every 250 ms) and says so in the log; meanwhile every
// call fails fast, so nothing is acknowledged that is not stored.

#include "cluster/nats_ptr.hpp"

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

namespace veche::cluster {

struct cluster_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// How a node checks the NATS servers and proves itself to them (docs/cluster.md).
struct nats_security {
    std::string tls_ca;    // PEM file of the CA that signed the servers' certificates; empty: no TLS
    std::string tls_name;  // the name every server's certificate carries; empty: the chain alone is checked
    std::string user;      // empty: none
    std::string password;
};

class nats_link {
public:
    // urls: "nats://HOST:PORT" or "tls://HOST:PORT" each; name: this node's id (shown by the NATS server).
    // Throws cluster_error.
    nats_link(const std::vector<std::string>& urls, const std::string& name, const nats_security& security = {});
    ~nats_link();
    nats_link(const nats_link&) = delete;
    nats_link& operator=(const nats_link&) = delete;

    natsConnection* connection() const { return connection_.get(); }
    jsCtx* jetstream() const { return jetstream_.get(); }
    bool connected() const { return connected_; }
    // Stops a subscription once the messages it holds are handled, waiting for a handler under way: nothing
    // runs on the subscriber once this returns. Without NATS it waits 250 ms at most for what the server
    // cannot confirm (instead of 2 s: a stop must not outlast its supervisor's patience).
    void drain(natsSubscription* subscription) const;

private:
    static void on_disconnected(natsConnection*, void* self);
    static void on_reconnected(natsConnection*, void* self);

    std::atomic<bool> connected_{false};
    nats_ptr<natsConnection> connection_;
    nats_ptr<jsCtx> jetstream_;
};

}  // namespace veche::cluster
