#include "core/change_codec.hpp"

#include "core/overloaded.hpp"

#include <exception>

namespace veche::core {
namespace {

// A field that is present but cannot be read: the whole change is refused.
struct unreadable : std::exception {};

template <named_enum E>
E enum_at(const nlohmann::json& j, const char* key) {
    const auto value = parse_enum<E>(j.at(key).get<std::string>());
    if (!value) throw unreadable{};
    return *value;
}

// Option indexes: a negative one would wrap around in get<std::uint32_t>().
std::vector<std::uint32_t> choices_at(const nlohmann::json& j) {
    const auto& list = j.at("choices");
    for (const auto& c : list)
        if (!c.is_number_unsigned()) throw unreadable{};
    return list.get<std::vector<std::uint32_t>>();
}

nlohmann::json question_record(const question& q) {
    nlohmann::json j{{"id", q.id},
                     {"session", q.session},
                     {"text", q.text},
                     {"author_id", q.author_id},
                     {"author_name", q.author_name},
                     {"author_org", q.author_affiliation.org},
                     {"author_region", q.author_affiliation.region},
                     {"author_verified", q.author_affiliation.verified},
                     {"anonymous", q.anonymous},
                     {"state", to_string(q.state)},
                     {"highlighted", q.highlighted},
                     {"edited", q.edited},
                     {"votes", q.votes},
                     {"created_at", q.created_at}};
    // Merges, the similar-question hint and the written reply: only when there is one.
    if (!q.merged_into.empty()) j["merged_into"] = q.merged_into;
    if (!q.merged.empty()) j["merged"] = q.merged;
    if (q.similar_to) j["similar_to"] = {{"id", q.similar_to->id}, {"score", q.similar_to->score}};
    if (q.reply) j["reply"] = {{"text", q.reply->text}, {"by", q.reply->by}, {"at_ms", q.reply->at}};
    return j;
}

std::optional<similar_hint> hint_from(const nlohmann::json& j) {
    if (!j.contains("similar_to")) return std::nullopt;
    const auto& h = j.at("similar_to");
    return similar_hint{h.at("id").get<std::string>(), h.at("score").get<double>()};
}

std::optional<written_reply> reply_from(const nlohmann::json& j) {
    if (!j.contains("reply")) return std::nullopt;
    const auto& r = j.at("reply");
    return written_reply{r.at("text").get<std::string>(), r.value("by", std::string{}), r.value("at_ms", epoch_ms{0})};
}

question question_from(const nlohmann::json& j) {
    return question{.id = j.at("id").get<std::string>(),
                    .session = j.at("session").get<std::string>(),
                    .text = j.at("text").get<std::string>(),
                    .author_id = j.value("author_id", std::string{}),
                    .author_name = j.value("author_name", std::string{}),
                    .author_affiliation = {.org = j.value("author_org", std::string{}),
                                           .region = j.value("author_region", std::string{}),
                                           .verified = j.value("author_verified", false)},
                    .anonymous = j.value("anonymous", false),
                    .state = enum_at<question_state>(j, "state"),
                    .highlighted = j.value("highlighted", false),
                    .edited = j.value("edited", false),
                    .votes = j.value("votes", std::int64_t{0}),
                    .created_at = j.value("created_at", epoch_ms{0}),
                    .merged_into = j.value("merged_into", std::string{}),
                    .merged = j.value("merged", std::vector<std::string>{}),
                    .similar_to = hint_from(j),
                    .reply = reply_from(j)};
}

nlohmann::json poll_record(const poll& p) {
    return {{"id", p.id},
            {"session", p.session},
            {"question", p.question},
            {"options", p.options},
            {"multi", p.multi},
            {"live_results", p.live_results},
            {"formal", p.formal},
            {"state", to_string(p.state)},
            {"created_at", p.created_at},
            {"counts", p.counts},
            {"voters", p.voters}};
}

poll poll_from(const nlohmann::json& j) {
    return poll{.id = j.at("id").get<std::string>(),
                .session = j.at("session").get<std::string>(),
                .question = j.at("question").get<std::string>(),
                .options = j.at("options").get<std::vector<std::string>>(),
                .multi = j.value("multi", false),
                .live_results = j.value("live_results", false),
                .formal = j.value("formal", false),
                .state = enum_at<poll_state>(j, "state"),
                .created_at = j.value("created_at", epoch_ms{0}),
                .counts = j.value("counts", std::vector<std::int64_t>{}),
                .voters = j.value("voters", std::int64_t{0})};
}

nlohmann::json status_record(const session_status& s) {
    return {{"state", to_string(s.state)},
            {"qa_open", s.qa_open},
            {"moderation", to_string(s.moderation)},
            {"replay", s.replay ? nlohmann::json{{"from_ms", s.replay->from_ms}, {"to_ms", s.replay->to_ms}}
                                : nlohmann::json(nullptr)}};
}

session_status status_from(const nlohmann::json& j) {
    std::optional<replay_range> replay;
    if (const auto r = j.find("replay"); r != j.end() && !r->is_null())
        replay = replay_range{r->at("from_ms").get<epoch_ms>(), r->at("to_ms").get<epoch_ms>()};
    return session_status{.state = enum_at<session_state>(j, "state"),
                          .qa_open = j.value("qa_open", true),
                          .moderation = enum_at<moderation_mode>(j, "moderation"),
                          .replay = replay};
}

change_payload payload_from(const nlohmann::json& j) {
    const auto type = j.at("type").get<std::string>();
    if (type == "question_changed")
        return question_changed{question_from(j.at("question")), j.value("was_visible_to_readers", false)};
    if (type == "vote_changed")
        return vote_changed{j.at("question").get<std::string>(), j.at("participant").get<std::string>(),
                            j.at("on").get<bool>(), j.at("total").get<std::int64_t>()};
    if (type == "session_changed") return session_changed{status_from(j.at("status"))};
    if (type == "segment_finalized") return segment_finalized{segment_from_json(j.at("segment"))};
    if (type == "poll_changed") return poll_changed{poll_from(j.at("poll"))};
    if (type == "ballot_cast")
        return ballot_cast{j.at("poll_id").get<std::string>(), j.at("participant").get<std::string>(),
                           choices_at(j), poll_from(j.at("poll"))};
    throw unreadable{};
}

}  // namespace

nlohmann::json change_json(const change& c) {
    nlohmann::json j{{"seq", c.seq}};
    std::visit(overloaded{
                   [&](const question_changed& qc) {
                       j["type"] = "question_changed";
                       j["was_visible_to_readers"] = qc.was_visible_to_readers;
                       j["question"] = question_record(qc.after);
                   },
                   [&](const vote_changed& v) {
                       j["type"] = "vote_changed";
                       j["question"] = v.question_id;
                       j["participant"] = v.participant;
                       j["on"] = v.on;
                       j["total"] = v.total;
                   },
                   [&](const session_changed& sc) {
                       j["type"] = "session_changed";
                       j["status"] = status_record(sc.status);
                   },
                   [&](const segment_finalized& sf) {
                       j["type"] = "segment_finalized";
                       j["segment"] = segment_json(sf.segment);
                   },
                   [&](const poll_changed& pc) {
                       j["type"] = "poll_changed";
                       j["poll"] = poll_record(pc.after);
                   },
                   [&](const ballot_cast& b) {
                       j["type"] = "ballot_cast";
                       j["poll_id"] = b.poll_id;
                       j["participant"] = b.participant;
                       j["choices"] = b.choices;
                       j["poll"] = poll_record(b.after);
                   },
               },
               c.payload);
    return j;
}

std::optional<change> change_from_json(const nlohmann::json& j) {
    try {
        if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_unsigned()) return std::nullopt;
        return change{j.at("seq").get<seq_t>(), payload_from(j)};
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    } catch (const unreadable&) {
        return std::nullopt;
    }
}

// Replacing what is not UTF-8 rather than throwing in the store's writer (texts are cleaned before they get here).
std::string change_text(const change& c) {
    return change_json(c).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<change> change_from_text(std::string_view text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return change_from_json(j);
}

}  // namespace veche::core
