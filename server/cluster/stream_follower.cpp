#include "cluster/stream_follower.hpp"

#include "cluster/startup_retry.hpp"

#include <chrono>

namespace veche::cluster {

stream_follower::stream_follower(nats_link& link, const stream_log& log, handler h)
    : link_(link), prefix_length_(log.subject_of("").size()), handler_(std::move(h)) {
    jsSubOptions options;
    jsSubOptions_Init(&options);
    options.Stream = log.name().c_str();
    options.Ordered = true;
    options.Config.DeliverPolicy = js_DeliverAll;
    // The server beats every second while the stream is quiet; two beats missed (the NATS server this node
    // reads through died) and the client makes the consumer again on another server, and tries again every
    // 2 s until JetStream answers. The library's default (5 s, tried every 10 s) left a replica 10-20 s behind.
    options.Config.Heartbeat = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::seconds(1)).count();
    natsSubscription* raw = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const auto s = retry_at_startup("following the stream " + log.name(), [&] {
        return js_Subscribe(&raw, link.jetstream(), log.all_subjects().c_str(), &stream_follower::on_message, this,
                            nullptr, &options, &code);
    });
    if (s != NATS_OK) throw cluster_error("cannot follow the stream " + log.name() + ": " + nats_error(s));
    subscription_.reset(raw);
}

stream_follower::~stream_follower() {
    // Waits for a handler under way: nothing runs on this object once it is gone.
    if (subscription_) {
        link_.drain(subscription_.get());
    }
}

void stream_follower::on_message(natsConnection*, natsSubscription*, natsMsg* raw, void* self) {
    nats_ptr<natsMsg> msg(raw);
    auto& follower = *static_cast<stream_follower*>(self);
    jsMsgMetaData* raw_meta = nullptr;
    if (natsMsg_GetMetaData(&raw_meta, msg.get()) != NATS_OK) return;
    nats_ptr<jsMsgMetaData> meta(raw_meta);
    const std::string subject = natsMsg_GetSubject(msg.get());
    const auto sequence = meta->Sequence.Stream;
    if (subject.size() > follower.prefix_length_) {
        const std::string_view data(natsMsg_GetData(msg.get()), static_cast<std::size_t>(natsMsg_GetDataLength(msg.get())));
        follower.handler_(subject.substr(follower.prefix_length_), sequence, meta->NumPending, data);
    }
    follower.position_ = sequence;
}

}  // namespace veche::cluster
