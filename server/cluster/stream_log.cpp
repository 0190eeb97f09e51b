#include "cluster/stream_log.hpp"

#include "cluster/startup_retry.hpp"

#include <algorithm>

namespace veche::cluster {

stream_log::stream_log(nats_link& link, const std::string& event, int replicas)
    : link_(link), name_("VECHE_" + event), prefix_("veche." + event + ".ev.") {
    const std::string subjects = all_subjects();
    const char* list[] = {subjects.c_str()};
    jsStreamConfig config;
    jsStreamConfig_Init(&config);
    config.Name = name_.c_str();
    config.Subjects = list;
    config.SubjectsLen = 1;
    config.Storage = js_FileStorage;
    config.Replicas = replicas;
    config.DenyDelete = true;
    config.DenyPurge = true;
    jsStreamInfo* raw = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const auto s = retry_at_startup("creating the stream " + name_, [&] {
        auto made = js_AddStream(&raw, link_.jetstream(), &config, nullptr, &code);
        // It exists (another node made it, or an earlier run): the same settings again.
        if (made != NATS_OK) made = js_UpdateStream(&raw, link_.jetstream(), &config, nullptr, &code);
        return made;
    });
    if (s != NATS_OK)
        throw cluster_error("cannot create the stream " + name_ + ": " + nats_error(s) + " (JetStream error " +
                            std::to_string(static_cast<int>(code)) + ")");
    jsStreamInfo_Destroy(raw);
}

stream_log::append_result stream_log::append(const std::string& session, const std::string& data,
                                             std::uint64_t expected_last, const std::string& message_id) {
    natsMsg* raw = nullptr;
    const auto subject = subject_of(session);
    if (natsMsg_Create(&raw, subject.c_str(), nullptr, data.data(), static_cast<int>(data.size())) != NATS_OK)
        return {};
    nats_ptr<natsMsg> msg(raw);
    // Set by hand: the client's option leaves the header out for 0, which here means "no message yet".
    const auto expected = std::to_string(expected_last);
    natsMsgHeader_Set(msg.get(), "Nats-Expected-Last-Subject-Sequence", expected.c_str());
    natsMsgHeader_Set(msg.get(), "Nats-Msg-Id", message_id.c_str());
    jsPubOptions options;
    jsPubOptions_Init(&options);
    options.MaxWait = 2000;
    jsPubAck* raw_ack = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const auto s = js_PublishMsg(&raw_ack, link_.jetstream(), msg.get(), &options, &code);
    nats_ptr<jsPubAck> ack(raw_ack);
    if (s == NATS_OK && ack) return {outcome::stored, ack->Sequence, ack->Duplicate};
    if (code == JSStreamWrongLastSequenceErr) return {outcome::fenced, 0, false};
    if (s == NATS_MAX_PAYLOAD) return {outcome::too_large, 0, false};
    return {};
}

std::size_t stream_log::max_message_bytes() const {
    constexpr std::int64_t headers = 4096;
    return static_cast<std::size_t>(std::max<std::int64_t>(0, natsConnection_GetMaxPayload(link_.connection()) - headers));
}

std::optional<std::uint64_t> stream_log::last_sequence(const std::string& session) {
    natsMsg* raw = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const auto s = js_GetLastMsg(&raw, link_.jetstream(), name_.c_str(), subject_of(session).c_str(), nullptr, &code);
    nats_ptr<natsMsg> msg(raw);
    if (s == NATS_OK) return natsMsg_GetSequence(msg.get());
    if (s == NATS_NOT_FOUND || code == JSNoMessageFoundErr) return 0;
    return std::nullopt;
}

std::optional<std::uint64_t> stream_log::stream_end() {
    jsStreamInfo* raw = nullptr;
    if (js_GetStreamInfo(&raw, link_.jetstream(), name_.c_str(), nullptr, nullptr) != NATS_OK) return std::nullopt;
    nats_ptr<jsStreamInfo> info(raw);
    return info->State.LastSeq;
}

}  // namespace veche::cluster
