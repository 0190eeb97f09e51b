#include "replay_session.hpp"

#include <sstream>
#include <stdexcept>

namespace veche::test {
namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

std::chrono::system_clock::time_point time_point_of(std::int64_t ms) {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
}

session_activity::session_activity(forum_fixture& forum, std::string session)
    : forum_(forum),
      session_(std::move(session)),
      moderator_(forum.connect(forum.staff_token("moderator", session_))),
      anna_(forum.connect(forum.join("Анна Смирнова")["token"])),
      boris_(forum.connect(forum.join("Борис")["token"])),
      captioner_(forum.staff_token("captioner")) {}

nlohmann::json session_activity::request(ws_client& c, nlohmann::json message) {
    auto reply = c.request(std::move(message));
    if (reply["type"] != "ack") throw std::runtime_error("refused: " + reply.dump());
    return reply;
}

void session_activity::questions_and_votes() {
    const std::string kept = request(*anna_, {{"type", "ask"}, {"session", session_}, {"text", "Как удержать молодёжь?"}})["id"];
    const std::string dropped = request(*boris_, {{"type", "ask"}, {"session", session_}, {"text", "Не по теме"}})["id"];
    request(*moderator_, {{"type", "moderate"}, {"question", kept}, {"action", "approve"}});
    request(*moderator_, {{"type", "moderate"}, {"question", dropped}, {"action", "reject"}});
    request(*boris_, {{"type", "vote"}, {"question", kept}, {"on", true}});
    request(*anna_, {{"type", "vote"}, {"question", kept}, {"on", true}});
}

void session_activity::poll_opens() {
    poll_ = request(*moderator_, {{"type", "poll_create"}, {"session", session_}, {"question", "Где следующий форум?"},
                                  {"options", {"Казань", "Томск"}}})["id"];
    request(*moderator_, {{"type", "poll_control"}, {"poll", poll_}, {"action", "open"}});
    request(*anna_, {{"type", "poll_vote"}, {"poll", poll_}, {"choices", {0}}});
    request(*boris_, {{"type", "poll_vote"}, {"poll", poll_}, {"choices", {1}}});
}

void session_activity::poll_closes() { request(*moderator_, {{"type", "poll_control"}, {"poll", poll_}, {"action", "close"}}); }

void session_activity::line(const std::string& text) {
    const auto end = now_ms(), start = end - 1200;
    const auto id = "line-" + std::to_string(line_starts_.size() + 1);
    const auto posted = http_post(forum_.port(), "/api/v1/sessions/" + session_ + "/transcript",
                                  nlohmann::json{{"id", id}, {"text", text}, {"final", true}, {"start_ms", start}, {"end_ms", end}}.dump(),
                                  {{"Authorization", "Bearer " + captioner_}});
    if (posted.status != 200) throw std::runtime_error("transcript refused: " + posted.body);
    line_starts_.push_back(start);
}

nlohmann::json session_activity::correct(std::int64_t from_ms, std::int64_t to_ms) {
    return moderator_->request({{"type", "session_control"}, {"session", session_}, {"action", "replay_range"},
                                {"from_ms", from_ms}, {"to_ms", to_ms}});
}

std::vector<double> webvtt_cue_starts(const std::string& vtt) {
    std::vector<double> starts;
    std::istringstream lines(vtt);
    for (std::string line; std::getline(lines, line);) {
        int h = 0, m = 0, s = 0, ms = 0;
        if (line.find(" --> ") != std::string::npos && std::sscanf(line.c_str(), "%d:%d:%d.%d", &h, &m, &s, &ms) == 4)
            starts.push_back(h * 3600.0 + m * 60.0 + s + ms / 1000.0);
    }
    return starts;
}

std::map<std::int64_t, double> player_positions(std::uint16_t port, const std::string& session,
                                                const hls_playlist& vod, const std::vector<std::int64_t>& moments) {
    const auto pts_of = [&](const hls_playlist::entry& s) {
        const auto pts = first_pts(http_get(port, "/vod/" + session + "/" + s.name).body, true);
        if (!pts) throw std::runtime_error("no video in " + s.name);
        return *pts;
    };
    if (vod.segments.empty()) return {};
    const auto origin = pts_of(vod.segments.front());
    std::map<std::int64_t, double> out;
    for (const auto t : moments)
        for (const auto& s : vod.segments) {
            const auto from = program_date_ms(s.date);
            if (t < from || t >= from + static_cast<std::int64_t>(s.duration * 1000.0)) continue;
            out[t] = static_cast<double>(pts_of(s) - origin) / 90'000.0 + static_cast<double>(t - from) / 1000.0;
            break;
        }
    return out;
}

}  // namespace veche::test
