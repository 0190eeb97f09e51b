#include "cluster/command_service.hpp"

#include "cluster/identity_codec.hpp"
#include "cluster/relayed_link.hpp"
#include "common/log.hpp"

#include <vector>

namespace veche::cluster {

command_service::command_service(nats_link& link, std::string event, executor run,
                                 std::function<core::seq_t(const std::string&)> committed_seq,
                                 cluster_metrics& metrics)
    : link_(link), event_(std::move(event)), run_(std::move(run)), committed_seq_(std::move(committed_seq)),
      metrics_(metrics) {}

command_service::~command_service() {
    std::vector<std::string> sessions;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [session, l] : listeners_) sessions.push_back(session);
    }
    for (const auto& s : sessions) stop(s);
}

void command_service::serve(const std::string& session) {
    std::lock_guard lock(mutex_);
    if (listeners_.count(session)) return;
    auto l = std::make_unique<listener>(listener{this, session, nullptr});
    natsSubscription* raw = nullptr;
    const auto s = natsConnection_Subscribe(&raw, link_.connection(), subject_of(session).c_str(),
                                            &command_service::on_request, l.get());
    if (s != NATS_OK) {
        log::error("cluster: session ", session, ": cannot take forwarded commands: ", nats_error(s));
        return;
    }
    l->subscription.reset(raw);
    listeners_.emplace(session, std::move(l));
}

void command_service::stop(const std::string& session) {
    std::unique_ptr<listener> gone;
    {
        std::lock_guard lock(mutex_);
        const auto it = listeners_.find(session);
        if (it == listeners_.end()) return;
        gone = std::move(it->second);
        listeners_.erase(it);
    }
    // Waits for a request being handled: the listener is gone after this.
    link_.drain(gone->subscription.get());
}

void command_service::on_request(natsConnection* nc, natsSubscription*, natsMsg* raw, void* closure) {
    nats_ptr<natsMsg> msg(raw);
    const auto& l = *static_cast<listener*>(closure);
    const char* reply_to = natsMsg_GetReply(msg.get());
    if (!reply_to) return;
    const auto request = nlohmann::json::parse(
        std::string_view(natsMsg_GetData(msg.get()), static_cast<std::size_t>(natsMsg_GetDataLength(msg.get()))),
        nullptr, false);
    auto who = request.is_object() && request.contains("who") ? identity_from_json(request["who"]) : std::nullopt;
    if (!who || !request.contains("message") || !request["message"].is_string()) {
        log::warn("cluster: session ", l.session, ": a forwarded command that does not decode, ignored");
        return;
    }
    auto decoded = core::decode_client_message(request["message"].get<std::string>());
    if (!std::holds_alternative<core::client_message>(decoded)) {
        log::warn("cluster: session ", l.session, ": a forwarded message that does not decode, ignored");
        return;
    }
    auto* service = l.service;
    service->metrics_.served.inc();
    auto link = std::make_shared<relayed_link>(nc, reply_to, std::move(*who),
                                               [service, session = l.session] { return service->committed_seq_(session); });
    service->run_(l.session, std::move(link), std::move(std::get<core::client_message>(decoded)));
}

}  // namespace veche::cluster
