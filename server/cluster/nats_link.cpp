#include "cluster/nats_link.hpp"

#include "common/log.hpp"

namespace veche::cluster {

nats_link::nats_link(const std::vector<std::string>& urls, const std::string& name, const nats_security& security) {
    natsOptions* raw_options = nullptr;
    if (natsOptions_Create(&raw_options) != NATS_OK) throw cluster_error("NATS: no memory for the options");
    nats_ptr<natsOptions> options(raw_options);
    std::vector<const char*> servers;
    for (const auto& u : urls) servers.push_back(u.c_str());
    auto s = natsOptions_SetServers(options.get(), servers.data(), static_cast<int>(servers.size()));
    if (s == NATS_OK) s = natsOptions_SetName(options.get(), name.c_str());
    if (s == NATS_OK) s = natsOptions_SetTimeout(options.get(), 2000);
    if (s == NATS_OK) s = natsOptions_SetAllowReconnect(options.get(), true);
    if (s == NATS_OK) s = natsOptions_SetMaxReconnect(options.get(), -1);
    if (s == NATS_OK) s = natsOptions_SetReconnectWait(options.get(), 250);
    if (s == NATS_OK) s = natsOptions_SetDisconnectedCB(options.get(), &nats_link::on_disconnected, this);
    if (s == NATS_OK) s = natsOptions_SetReconnectedCB(options.get(), &nats_link::on_reconnected, this);
    if (s != NATS_OK) throw cluster_error("NATS options: " + nats_error(s));
    if (!security.tls_ca.empty()) {
        s = natsOptions_SetSecure(options.get(), true);
        if (s == NATS_OK) s = natsOptions_LoadCATrustedCertificates(options.get(), security.tls_ca.c_str());
        if (s != NATS_OK) throw cluster_error("cannot load the NATS servers' CA from " + security.tls_ca + ": " + nats_error(s));
        if (!security.tls_name.empty()) s = natsOptions_SetExpectedHostname(options.get(), security.tls_name.c_str());
        if (s != NATS_OK) throw cluster_error("NATS TLS options: " + nats_error(s));
    }
    if (!security.user.empty()) s = natsOptions_SetUserInfo(options.get(), security.user.c_str(), security.password.c_str());
    if (s != NATS_OK) throw cluster_error("NATS user: " + nats_error(s));
    natsConnection* raw_connection = nullptr;
    s = natsConnection_Connect(&raw_connection, options.get());
    if (s != NATS_OK) throw cluster_error("cannot connect to NATS: " + nats_error(s));
    connection_.reset(raw_connection);
    connected_ = true;
    jsOptions js_options;
    jsOptions_Init(&js_options);
    js_options.Wait = 2000;
    jsCtx* raw_js = nullptr;
    s = natsConnection_JetStream(&raw_js, connection_.get(), &js_options);
    if (s != NATS_OK) throw cluster_error("NATS JetStream: " + nats_error(s));
    jetstream_.reset(raw_js);
}

nats_link::~nats_link() {
    jetstream_.reset();
    connected_ = false;  // closing it is no loss: no "reconnecting" line at a clean stop
    // Stops the client's threads before the callbacks' target is gone.
    if (connection_) natsConnection_Close(connection_.get());
}

void nats_link::drain(natsSubscription* subscription) const {
    const std::int64_t wait = connected_ ? 2000 : 250;
    natsSubscription_DrainTimeout(subscription, wait);
    natsSubscription_WaitForDrainCompletion(subscription, wait);
}

void nats_link::on_disconnected(natsConnection*, void* self) {
    auto* link = static_cast<nats_link*>(self);
    if (!link->connected_.exchange(false)) return;
    log::warn("cluster: lost the connection to NATS; reconnecting");
}

void nats_link::on_reconnected(natsConnection* nc, void* self) {
    static_cast<nats_link*>(self)->connected_ = true;
    char url[256] = {};
    natsConnection_GetConnectedUrl(nc, url, sizeof url);
    log::info("cluster: reconnected to NATS at ", url);
}

}  // namespace veche::cluster
