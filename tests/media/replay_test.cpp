// A session's replay (contract 7.5) end to end: a venue's encoder (ffmpeg over SRT) feeds the hall, a moderator
// takes the session live and ends it over the WebSocket after 30 s, in which questions are asked, approved and
// voted on, a poll runs and a captioner sends lines; a real player (ffprobe) reads /vod/{session}/, and the
// timeline and the captions are checked against what the player plays.
#include "integration/forum_fixture.hpp"
#include "media_tools.hpp"
#include "replay_session.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <set>
#include <sstream>

using namespace veche::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* session = pre_session;

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The demo forum with one hall fed over SRT, every session in it.
struct replay_forum {
    std::uint16_t srt_port = free_udp_port();
    forum_fixture forum{[this](nlohmann::json& cfg) { cfg = srt_hall_config(srt_port); }};
    encoder ffmpeg{srt_port, {}, "640x360", "600k"};

    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(forum.port()) + path;
    }
    // Sends a session_control action as a moderator; returns when it was acknowledged.
    std::int64_t control(const std::string& action) {
        auto mod = forum.connect(forum.staff_token("moderator"));
        const auto reply = mod->request({{"type", "session_control"}, {"session", session}, {"action", action}});
        if (reply["type"] != "ack") throw std::runtime_error("session_control " + action + ": " + reply.dump());
        return wall_ms();
    }
    // The replay's playlist once it is final (VOD with its end), polled for at most `timeout`.
    std::string final_playlist(std::chrono::milliseconds timeout = 15s) {
        const auto until = std::chrono::steady_clock::now() + timeout;
        std::string text;
        while (std::chrono::steady_clock::now() < until) {
            const auto r = http_get(forum.port(), "/vod/" + std::string(session) + "/index.m3u8");
            text = r.body;
            if (r.status == 200 && text.find("#EXT-X-ENDLIST") != std::string::npos) return text;
            std::this_thread::sleep_for(200ms);
        }
        throw std::runtime_error("the replay did not become final: " + text);
    }
};

std::int64_t segment_end_ms(const hls_playlist::entry& s) {
    return program_date_ms(s.date) + static_cast<std::int64_t>(s.duration * 1000.0);
}

// The presentation times of every packet of the first video stream, as a player reading all of it gets them.
std::vector<double> video_packet_times(const std::string& url) {
    std::istringstream lines(run_command(
        "ffprobe -v error -select_streams v:0 -show_entries packet=pts_time -of csv=p=0 '" + url + "'", 60s));
    std::vector<double> times;
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line != "N/A") times.push_back(std::stod(line));
    return times;
}

}  // namespace

TEST_CASE("a session's replay: EVENT while it is live, then a 30 s VOD with sound, picture, program dates and byte "
          "ranges, its timeline and captions where they happened, a moderator's correction of its range") {
    replay_forum f;
    const auto playlist_path = "/vod/" + std::string(session) + "/index.m3u8";
    REQUIRE(wait_for_status(f.forum.port(), "main", "live", 20s));
    std::this_thread::sleep_for(3s);  // the hall has been recording before the session starts
    CHECK(http_get(f.forum.port(), playlist_path).status == 404);  // never live: no replay

    const auto live_at = f.control("live");
    session_activity activity(f.forum, session);
    const auto at = [&](std::chrono::milliseconds t) { std::this_thread::sleep_until(time_point_of(live_at) + t); };
    at(1s);
    activity.questions_and_votes();
    activity.line("Добрый день, коллеги, начинаем");
    at(4s);
    activity.poll_opens();
    activity.line("Первый вопрос из зала");
    at(8s);
    const auto running = http_get(f.forum.port(), playlist_path);
    REQUIRE(running.status == 200);
    CHECK(running.body.find("#EXT-X-PLAYLIST-TYPE:EVENT") != std::string::npos);
    CHECK(running.body.find("#EXT-X-ENDLIST") == std::string::npos);
    CHECK(running.header("cache-control") == "public, max-age=1");
    const auto so_far = hls_playlist::parse(running.body);
    REQUIRE(so_far.segments.size() >= 2);
    // A late viewer goes back to the start: the first segment is the one running when the session went live.
    CHECK(program_date_ms(so_far.segments.front().date) <= live_at);
    CHECK(segment_end_ms(so_far.segments.front()) > live_at - 1000);

    at(12s);
    activity.poll_closes();
    activity.line("Подводим итоги опроса");
    at(21s);
    activity.line("Спасибо, вопрос о грантах");
    at(29s);
    activity.line("Завершаем сессию");
    at(30s);
    const auto ended_at = f.control("end");
    const auto session_ms = ended_at - live_at;
    const auto text = f.final_playlist();
    CHECK(text.find("#EXT-X-PLAYLIST-TYPE:VOD") != std::string::npos);
    const auto vod = hls_playlist::parse(text);
    REQUIRE(vod.segments.size() >= 5);
    for (const auto& s : vod.segments) {
        CHECK(s.dated);
        CHECK_FALSE(s.discontinuity);  // one take: the encoder ran throughout
    }
    // From the segment running at the live moment to the one running at the end: the session's length, plus
    // at most a segment at each end (segments are kept whole).
    const auto first_ms = program_date_ms(vod.segments.front().date);
    const auto last_end_ms = segment_end_ms(vod.segments.back());
    CHECK(first_ms <= live_at);
    CHECK(last_end_ms >= ended_at - 1000);
    CHECK(last_end_ms - first_ms <= session_ms + 2 * vod.target_duration * 1000 + 1000);
    // Consecutive program dates: nothing missing in the middle.
    for (std::size_t i = 1; i < vod.segments.size(); ++i)
        CHECK(std::abs(program_date_ms(vod.segments[i].date) - segment_end_ms(vod.segments[i - 1])) < 500);

    // A player reads it as a VOD of that length, with sound and picture, every packet of it.
    const auto probe = nlohmann::json::parse(
        run_command("ffprobe -v error -show_format -show_streams -of json '" + f.url(playlist_path) + "'", 30s));
    bool video = false, audio = false;
    for (const auto& s : probe["streams"]) {
        video = video || (s["codec_type"] == "video" && s["width"] == 640);
        audio = audio || s["codec_type"] == "audio";
    }
    CHECK(video);
    CHECK(audio);
    const double listed_s = static_cast<double>(last_end_ms - first_ms) / 1000.0;
    const double session_s = static_cast<double>(session_ms) / 1000.0;
    const double duration_s = std::stod(probe["format"]["duration"].get<std::string>());
    CHECK(duration_s == Approx(listed_s).margin(0.5));
    CHECK(duration_s >= session_s - 1.0);
    CHECK(duration_s == Approx(30.0).margin(2.0));
    const auto packets = video_packet_times(f.url(playlist_path));
    REQUIRE(packets.size() > 25 * static_cast<std::size_t>(session_s));
    const auto [lowest, highest] = std::minmax_element(packets.begin(), packets.end());
    CHECK(*highest - *lowest == Approx(listed_s).margin(1.0));

    // The segments: immutable, with byte ranges.
    const auto segment_path = "/vod/" + std::string(session) + "/" + vod.segments[1].name;
    const auto whole = http_get(f.forum.port(), segment_path);
    REQUIRE(whole.status == 200);
    CHECK(whole.header("content-type") == "video/mp2t");
    CHECK(whole.header("accept-ranges") == "bytes");
    CHECK(whole.header("cache-control").find("immutable") != std::string::npos);
    const auto part = http_get(f.forum.port(), segment_path, {{"Range", "bytes=188-375"}});
    CHECK(part.status == 206);
    CHECK(part.header("content-range") == "bytes 188-375/" + std::to_string(whole.body.size()));
    CHECK(part.body == whole.body.substr(188, 188));
    CHECK(part.body[0] == 0x47);  // a TS packet starts there
    // A segment the hall recorded outside the session is not part of its replay.
    CHECK(http_get(f.forum.port(), "/vod/" + std::string(session) + "/0-0.ts").status == 404);
    // The hall has no ladder: its multivariant playlist lists the one rung.
    const auto master = http_get(f.forum.port(), "/vod/" + std::string(session) + "/master.m3u8");
    REQUIRE(master.status == 200);
    const auto variants = parse_master(master.body);
    REQUIRE(variants.size() == 1);
    CHECK(variants[0].uri == "index.m3u8");

    // The timeline: every item inside the replay's program dates, each kind there.
    const auto timeline = http_get(f.forum.port(), "/api/v1/sessions/" + std::string(session) + "/timeline.json").json();
    std::set<std::string> kinds;
    for (const auto& item : timeline["items"]) {
        kinds.insert(item["kind"]);
        CHECK(item["at_ms"].get<std::int64_t>() >= first_ms);
        CHECK(item["at_ms"].get<std::int64_t>() <= last_end_ms);
    }
    CHECK(kinds == std::set<std::string>{"session", "question", "votes", "poll", "transcript"});
    CHECK(timeline["from_ms"] == timeline["items"].front()["at_ms"]);
    CHECK(timeline["to_ms"] == timeline["items"].back()["at_ms"]);
    CHECK(timeline["items"].size() >= 10);

    // The captions on the replay's clock: each line within 0.5 s of where its start plays, by the video's own
    // timestamps (segment by segment, as a player joins them).
    const auto vtt_path = "/api/v1/sessions/" + std::string(session) + "/transcript.vtt?clock=program";
    auto cues = webvtt_cue_starts(http_get(f.forum.port(), vtt_path).body);
    const auto player = player_positions(f.forum.port(), session, vod, activity.lines());
    REQUIRE(player.size() == activity.lines().size());
    REQUIRE(cues.size() == activity.lines().size());
    for (std::size_t i = 0; i < cues.size(); ++i) CHECK(cues[i] == Approx(player.at(activity.lines()[i])).margin(0.5));

    // A moderator moves the start 8 s later and the end 5 s earlier: the replay, the timeline and the captions
    // follow.
    const auto from = live_at + 8000, to = ended_at - 5000;
    CHECK(activity.correct(first_ms - 600'000, to)["code"] == "bad_request");  // before the recording
    const auto corrected = activity.correct(from, to);
    REQUIRE(corrected["type"] == "ack");
    CHECK(corrected["session"]["replay_range"] == nlohmann::json{{"from_ms", from}, {"to_ms", to}});
    const auto shorter = hls_playlist::parse(f.final_playlist());
    REQUIRE_FALSE(shorter.segments.empty());
    CHECK(program_date_ms(shorter.segments.front().date) <= from);
    CHECK(segment_end_ms(shorter.segments.front()) > from);
    CHECK(program_date_ms(shorter.segments.back().date) < to);
    CHECK(segment_end_ms(shorter.segments.back()) >= to);
    const auto moved = http_get(f.forum.port(), "/api/v1/sessions/" + std::string(session) + "/timeline.json").json();
    CHECK(moved["from_ms"] == from);
    CHECK(moved["to_ms"] == to);
    CHECK(moved["items"].back()["data"]["replay_range"] == corrected["session"]["replay_range"]);
    cues = webvtt_cue_starts(http_get(f.forum.port(), vtt_path).body);
    // The lines said before the new start (at 1 and 4 s) and after the new end (at 29 s) are left out.
    const auto moved_player = player_positions(f.forum.port(), session, shorter, activity.lines());
    REQUIRE(moved_player.size() == 2);
    REQUIRE(cues.size() == 2);
    CHECK(cues[0] == Approx(moved_player.at(activity.lines()[2])).margin(0.5));
    CHECK(cues[1] == Approx(moved_player.at(activity.lines()[3])).margin(0.5));
}

TEST_CASE("a server killed in the middle of a live session keeps its replay whole up to the segment it was "
          "writing") {
    replay_forum f;
    REQUIRE(wait_for_status(f.forum.port(), "main", "live", 20s));
    std::this_thread::sleep_for(2s);
    const auto live_at = f.control("live");
    std::this_thread::sleep_for(8s);
    const auto killed_at = wall_ms();
    f.forum.restart_after(SIGKILL);
    // The encoder calls again, as a venue's does.
    REQUIRE(wait_for_status(f.forum.port(), "main", "live", 20s));
    std::this_thread::sleep_for(4s);
    const auto ended_at = f.control("end");

    const auto vod = hls_playlist::parse(f.final_playlist());
    REQUIRE(vod.segments.size() >= 4);
    // Still from the live moment: the times and the index came back from disk.
    CHECK(program_date_ms(vod.segments.front().date) <= live_at);
    CHECK(segment_end_ms(vod.segments.back()) >= ended_at - 1000);
    // Before the kill: every segment, one after the other, up to at most the one being cut at the kill.
    std::size_t i = 1;
    for (; i < vod.segments.size() && !vod.segments[i].discontinuity; ++i)
        CHECK(std::abs(program_date_ms(vod.segments[i].date) - segment_end_ms(vod.segments[i - 1])) < 500);
    REQUIRE(i < vod.segments.size());  // the restart is a new take
    const auto before_kill_end = segment_end_ms(vod.segments[i - 1]);
    CHECK(before_kill_end <= killed_at + 500);
    CHECK(killed_at - before_kill_end <= vod.target_duration * 1000 + 1000);
    // After the restart: the new take, to the end.
    CHECK(program_date_ms(vod.segments[i].date) >= killed_at);
    for (++i; i < vod.segments.size(); ++i) CHECK_FALSE(vod.segments[i].discontinuity);
    // Every listed segment is there.
    for (const auto& s : vod.segments)
        CHECK(http_get(f.forum.port(), "/vod/" + std::string(session) + "/" + s.name, {{"Range", "bytes=0-187"}})
                  .status == 206);
}
