#include "cluster/command_forwarder.hpp"

#include "cluster/identity_codec.hpp"

#include <charconv>

namespace veche::cluster {

command_forwarder::command_forwarder(nats_link& link, cluster_metrics& metrics) : link_(link), metrics_(metrics) {
    natsInbox* raw_inbox = nullptr;
    if (natsInbox_Create(&raw_inbox) != NATS_OK) throw cluster_error("NATS: cannot make an inbox");
    inbox_ = std::string(raw_inbox) + ".";
    natsInbox_Destroy(raw_inbox);
    natsSubscription* raw = nullptr;
    const auto s = natsConnection_Subscribe(&raw, link_.connection(), (inbox_ + "*").c_str(),
                                            &command_forwarder::on_answer, this);
    if (s != NATS_OK) throw cluster_error("NATS: cannot take answers: " + nats_error(s));
    subscription_.reset(raw);
    expirer_ = std::thread([this] { expire_loop(); });
}

command_forwarder::~command_forwarder() {
    link_.drain(subscription_.get());
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    expirer_.join();
}

void command_forwarder::forward(const std::string& subject, const core::identity& who, const std::string& message,
                                answer_handler done) {
    std::uint64_t id = 0;
    {
        std::lock_guard lock(mutex_);
        id = next_id_++;
        pending_.emplace(id, pending{std::chrono::steady_clock::now() + timeout, std::move(done)});
    }
    metrics_.forwarded.inc();
    const auto body = nlohmann::json{{"who", identity_json(who)}, {"message", message}}.dump();
    const auto reply_to = inbox_ + std::to_string(id);
    const auto s = natsConnection_PublishRequest(link_.connection(), subject.c_str(), reply_to.c_str(), body.data(),
                                                 static_cast<int>(body.size()));
    if (s != NATS_OK) finish(id, std::nullopt);
}

void command_forwarder::on_answer(natsConnection*, natsSubscription*, natsMsg* raw, void* self) {
    nats_ptr<natsMsg> msg(raw);
    auto& forwarder = *static_cast<command_forwarder*>(self);
    const std::string subject = natsMsg_GetSubject(msg.get());
    std::uint64_t id = 0;
    const auto tail = subject.substr(std::min(forwarder.inbox_.size(), subject.size()));
    if (std::from_chars(tail.data(), tail.data() + tail.size(), id).ec != std::errc{}) return;
    // "No responders" is an empty message with a status header: no sequencer now.
    const auto answer = nlohmann::json::parse(
        std::string_view(natsMsg_GetData(msg.get()), static_cast<std::size_t>(natsMsg_GetDataLength(msg.get()))),
        nullptr, false);
    if (!answer.is_object() || !answer.contains("seq") || !answer.contains("answer") ||
        !answer["seq"].is_number_unsigned() || !answer["answer"].is_string())
        return forwarder.finish(id, std::nullopt);
    forwarder.finish(id, hub::relayed_answer{answer["answer"].get<std::string>(), answer["seq"].get<core::seq_t>()});
}

void command_forwarder::finish(std::uint64_t id, std::optional<hub::relayed_answer> answer) {
    answer_handler done;
    {
        std::lock_guard lock(mutex_);
        const auto it = pending_.find(id);
        if (it == pending_.end()) return;  // expired before: its client got an error and retries
        done = std::move(it->second.done);
        pending_.erase(it);
    }
    if (!answer) metrics_.forward_failures.inc();
    done(std::move(answer));
}

void command_forwarder::expire_loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::milliseconds(200));
        const auto now = std::chrono::steady_clock::now();
        std::vector<answer_handler> expired;
        for (auto it = pending_.begin(); it != pending_.end();) {
            if (it->second.deadline > now) break;  // ids and deadlines grow together
            expired.push_back(std::move(it->second.done));
            it = pending_.erase(it);
        }
        lock.unlock();
        for (auto& done : expired) {
            metrics_.forward_failures.inc();
            done(std::nullopt);
        }
        lock.lock();
    }
}

}  // namespace veche::cluster
