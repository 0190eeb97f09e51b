#include "config/event_parser.hpp"

#include "config/json_object_reader.hpp"
#include "config/ladder_parser.hpp"
#include "core/session_status.hpp"
#include "core/text_hygiene.hpp"

#include <map>
#include <set>
#include <stdexcept>

namespace veche::config {
namespace {

std::string indexed(const std::string& path, std::size_t i) { return path + '[' + std::to_string(i) + ']'; }

const nlohmann::json& required_array(json_object_reader& r, const std::string& key) {
    const auto* v = r.member(key);
    if (!v) r.fail(key, "missing");
    if (!v->is_array()) r.fail(key, std::string("must be an array, not ") + v->type_name());
    return *v;
}

std::string read_id(json_object_reader& r) {
    auto id = r.required_string("id");
    if (!is_valid_id(id)) r.fail("id", "\"" + id + "\" is not a valid id (1 to 64 of A-Z a-z 0-9 _ -)");
    return id;
}

std::string read_text(json_object_reader& r, const std::string& key, std::size_t max_bytes) {
    auto s = r.required_string(key);
    if (s.size() > max_bytes) r.fail(key, "longer than " + std::to_string(max_bytes) + " bytes");
    return s;
}

core::hall_definition parse_hall(const nlohmann::json& v, const std::string& path) {
    json_object_reader r(v, path);
    core::hall_definition h;
    h.id = read_id(r);
    h.name = read_text(r, "name", 200);
    const auto source = r.optional_string("source").value_or("none");
    try {
        h.source = core::source_uri::parse(source);
    } catch (const std::invalid_argument& e) {
        r.fail("source", "bad source URI \"" + source + "\": " + e.what());
    }
    if (const auto* ladder = r.member("ladder"); ladder && !ladder->is_null())
        h.ladder = parse_ladder(*ladder, r.path_of("ladder"));
    h.audio_only = r.optional_bool("audio_only", false);
    r.finish();
    return h;
}

core::epoch_ms read_time(json_object_reader& r, const std::string& key) {
    const auto text = r.required_string(key);
    const auto t = core::parse_rfc3339(text);
    if (!t) r.fail(key, "\"" + text + "\" is not an RFC 3339 time such as 2026-01-15T10:00:00Z");
    return *t;
}

core::speaker_info parse_speaker(const nlohmann::json& v, const std::string& path) {
    json_object_reader r(v, path);
    core::speaker_info sp;
    sp.name = read_text(r, "name", 200);
    sp.title = r.optional_string("title").value_or("");
    r.finish();
    return sp;
}

core::seed_question parse_seed_question(const nlohmann::json& v, const std::string& path) {
    json_object_reader r(v, path);
    core::seed_question q;
    const auto text = core::clean_user_text(read_text(r, "text", 2000), true);
    if (!text || text->code_points == 0) r.fail("text", "must be a question: not empty, valid UTF-8");
    q.text = text->text;
    q.author = read_text(r, "author", 200);
    const auto state = r.optional_string("state").value_or("pending");
    if (state != "pending" && state != "approved") r.fail("state", "must be \"pending\" or \"approved\"");
    q.approved = state == "approved";
    r.finish();
    return q;
}

core::session_definition parse_session(const nlohmann::json& v, const std::string& path) {
    json_object_reader r(v, path);
    core::session_definition s;
    s.id = read_id(r);
    s.hall = r.required_string("hall");
    s.title = read_text(r, "title", 300);
    s.kind = r.optional_string("kind").value_or("session");
    if (s.kind.empty() || !is_valid_id(s.kind)) r.fail("kind", "\"" + s.kind + "\" is not a valid kind (A-Z a-z 0-9 _ -)");
    s.starts_at = read_time(r, "starts_at");
    s.ends_at = read_time(r, "ends_at");
    if (s.ends_at <= s.starts_at) r.fail("ends_at", "must be after starts_at");
    if (const auto* speakers = r.member("speakers"); speakers && !speakers->is_null()) {
        if (!speakers->is_array()) r.fail("speakers", std::string("must be an array, not ") + speakers->type_name());
        for (std::size_t i = 0; i < speakers->size(); ++i)
            s.speakers.push_back(parse_speaker((*speakers)[i], indexed(r.path_of("speakers"), i)));
    }
    const auto moderation = r.optional_string("moderation").value_or("pre");
    const auto mode = core::parse_enum<core::moderation_mode>(moderation);
    if (!mode) r.fail("moderation", "must be \"pre\" or \"post\", not \"" + moderation + "\"");
    s.moderation = *mode;
    s.qa_open = r.optional_bool("qa_open", true);
    if (const auto* seeds = r.member("seed_questions"); seeds && !seeds->is_null()) {
        if (!seeds->is_array()) r.fail("seed_questions", std::string("must be an array, not ") + seeds->type_name());
        for (std::size_t i = 0; i < seeds->size(); ++i)
            s.seed_questions.push_back(parse_seed_question((*seeds)[i], indexed(r.path_of("seed_questions"), i)));
    }
    r.finish();
    return s;
}

}  // namespace

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

core::event_definition parse_event(const nlohmann::json& value) {
    json_object_reader r(value, "event");
    core::event_definition ev;
    ev.id = read_id(r);
    ev.title = read_text(r, "title", 300);

    const auto& halls = required_array(r, "halls");
    if (halls.empty()) r.fail("halls", "at least one hall is required");
    std::set<std::string> hall_ids;
    std::map<std::string, std::string> listening_ports;  // "srt:9000" → the hall that has it
    for (std::size_t i = 0; i < halls.size(); ++i) {
        const auto path = indexed("event.halls", i);
        auto hall = parse_hall(halls[i], path);
        if (!hall_ids.insert(hall.id).second) throw config_error(path + ".id", "duplicate hall id \"" + hall.id + "\"");
        if (hall.source.listens()) {
            const auto port_key = std::to_string(hall.source.port);
            const auto [it, fresh] = listening_ports.emplace(port_key, hall.id);
            if (!fresh)
                throw config_error(path + ".source",
                                   "port " + port_key + " is already taken by hall \"" + it->second + "\"");
        }
        ev.halls.push_back(std::move(hall));
    }

    const auto& sessions = required_array(r, "sessions");
    std::set<std::string> session_ids;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const auto path = indexed("event.sessions", i);
        auto session = parse_session(sessions[i], path);
        if (!session_ids.insert(session.id).second)
            throw config_error(path + ".id", "duplicate session id \"" + session.id + "\"");
        if (!hall_ids.count(session.hall))
            throw config_error(path + ".hall", "unknown hall \"" + session.hall + "\"");
        ev.sessions.push_back(std::move(session));
    }
    r.finish();
    return ev;
}

}  // namespace veche::config
