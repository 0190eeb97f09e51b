#include "media_tools.hpp"

#include "support/http_client.hpp"
#include "support/test_config.hpp"

#include <array>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace veche::test {

nlohmann::json srt_hall_config(std::uint16_t port, const std::string& query) {
    auto cfg = demo_config();
    cfg["event"]["halls"] = nlohmann::json::array(
        {{{"id", "main"}, {"name", "Главная сцена"}, {"source", "srt://:" + std::to_string(port) + query}}});
    for (auto& s : cfg["event"]["sessions"]) s["hall"] = "main";
    return cfg;
}

std::string hall_status(std::uint16_t server_port, const std::string& hall) {
    const auto event = http_get(server_port, "/api/v1/event").json();
    for (const auto& h : event["halls"])
        if (h["id"] == hall) return h["stream"]["status"].get<std::string>();
    return "unknown hall";
}

std::optional<std::chrono::milliseconds> wait_for_status(std::uint16_t server_port, const std::string& hall,
                                                         const std::string& status, std::chrono::milliseconds timeout) {
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < timeout) {
        if (hall_status(server_port, hall) == status)
            return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return std::nullopt;
}

std::uint16_t free_udp_port() {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("cannot find a free UDP port");
    ::close(fd);
    return ntohs(addr.sin_port);
}

encoder::encoder(std::uint16_t port, const std::string& srt_options, const std::string& size,
                 const std::string& video_rate) {
    const std::string url = "srt://127.0.0.1:" + std::to_string(port) + "?mode=caller" + srt_options;
    // The command of DESIGN.md, bounded in time in case a test forgets it.
    thread_ = std::thread(&encoder::supervise, this,
                          std::vector<std::string>{"ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi",
                                                   "-i", "testsrc2=size=" + size + ":rate=30", "-f", "lavfi", "-i",
                                                   "sine=frequency=440:sample_rate=48000", "-t", "300", "-c:v",
                                                   "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g",
                                                   "30", "-keyint_min", "30", "-sc_threshold", "0", "-b:v", video_rate,
                                                   "-c:a", "aac", "-f", "mpegts", url});
}

encoder::~encoder() { kill(); }

void encoder::supervise(std::vector<std::string> args) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        const pid_t pid = ::fork();
        if (pid < 0) return;
        if (pid == 0) {
            const int null = ::open("/dev/null", O_RDWR);
            ::dup2(null, 0);
            ::dup2(null, 1);
            ::dup2(null, 2);
            ::execvp("ffmpeg", argv.data());
            ::_exit(127);
        }
        pid_ = pid;
        ++attempts_;
        // Wait for it to end (checked every 50 ms) or for kill().
        int status = 0;
        while (!stopping_ && ::waitpid(pid, &status, WNOHANG) == 0) stop_.wait_for(lock, std::chrono::milliseconds(50));
        if (stopping_) break;
        pid_ = -1;
        stop_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; });
    }
}

void encoder::kill() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            int status = 0;
            ::waitpid(pid_, &status, 0);
            pid_ = -1;
        }
    }
    stop_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::string run_command(const std::string& command, std::chrono::seconds timeout) {
    const auto line = "timeout " + std::to_string(timeout.count()) + " " + command;
    std::FILE* pipe = ::popen(line.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run: " + command);
    std::string out;
    std::array<char, 4096> buf{};
    while (const auto n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    if (status != 0) throw std::runtime_error("failed (" + std::to_string(status) + "): " + command);
    return out;
}

nlohmann::json probe_streams(const std::string& url, std::chrono::seconds timeout) {
    return nlohmann::json::parse(
        run_command("ffprobe -v error -show_streams -of json '" + url + "'", timeout));
}

std::int64_t program_date_ms(const std::string& date) {
    std::tm utc{};
    int millis = 0;
    char zone = 0;
    const bool fraction = date.size() > 20 && date[19] == '.';
    const int read = fraction ? std::sscanf(date.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &utc.tm_year, &utc.tm_mon,
                                            &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &millis, &zone)
                              : std::sscanf(date.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &utc.tm_year, &utc.tm_mon,
                                            &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &zone);
    if (read != (fraction ? 8 : 7) || zone != 'Z') throw std::runtime_error("not a program date: " + date);
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    return static_cast<std::int64_t>(timegm(&utc)) * 1000 + millis;
}

hls_playlist hls_playlist::parse(const std::string& text) {
    hls_playlist p;
    entry next;
    std::size_t pos = 0;
    auto value = [](const std::string& line) { return line.substr(line.find(':') + 1); };
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const auto line = text.substr(pos, end - pos);
        pos = end + 1;
        if (line.starts_with("#EXT-X-TARGETDURATION:")) p.target_duration = std::stoi(value(line));
        else if (line.starts_with("#EXT-X-MEDIA-SEQUENCE:")) p.media_sequence = std::stoll(value(line));
        else if (line.starts_with("#EXT-X-DISCONTINUITY-SEQUENCE:")) p.discontinuity_sequence = std::stoll(value(line));
        else if (line == "#EXT-X-DISCONTINUITY") next.discontinuity = true;
        else if (line.starts_with("#EXT-X-PROGRAM-DATE-TIME:")) {
            next.dated = true;
            next.date = value(line);
        }
        else if (line.starts_with("#EXTINF:")) next.duration = std::stod(value(line));
        else if (line == "#EXT-X-ENDLIST") p.ended = true;
        else if (!line.empty() && line[0] != '#') {
            next.name = line;
            p.segments.push_back(next);
            next = entry{};
        }
    }
    return p;
}

std::optional<std::int64_t> first_pts(const std::string& ts, bool video) {
    for (std::size_t at = 0; at + 188 <= ts.size(); at += 188) {
        const auto* p = reinterpret_cast<const unsigned char*>(ts.data() + at);
        if (p[0] != 0x47 || !(p[1] & 0x40) || !(p[3] & 0x10)) continue;
        const std::size_t payload = (p[3] & 0x20) ? 5u + p[4] : 4u;
        if (payload + 14 > 188) continue;
        const auto* pes = p + payload;
        if (pes[0] != 0 || pes[1] != 0 || pes[2] != 1 || !(pes[7] & 0x80)) continue;
        const bool is_video = (pes[3] & 0xF0) == 0xE0;
        const bool is_audio = (pes[3] & 0xE0) == 0xC0;
        if (video ? !is_video : !is_audio) continue;
        return (std::int64_t(pes[9] & 0x0E) << 29) | (std::int64_t(pes[10]) << 22) | (std::int64_t(pes[11] & 0xFE) << 14) |
               (std::int64_t(pes[12]) << 7) | (pes[13] >> 1);
    }
    return std::nullopt;
}

std::vector<hls_variant> parse_master(const std::string& text) {
    std::vector<hls_variant> out;
    std::istringstream lines(text);
    std::optional<hls_variant> pending;
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("#EXT-X-STREAM-INF:")) {
            pending.emplace();
            // name=value pairs, values quoted when they hold commas.
            const auto list = line.substr(line.find(':') + 1);
            std::size_t pos = 0;
            while (pos < list.size()) {
                const auto eq = list.find('=', pos);
                if (eq == std::string::npos) break;
                const auto name = list.substr(pos, eq - pos);
                std::string value;
                std::size_t end;
                if (eq + 1 < list.size() && list[eq + 1] == '"') {
                    end = list.find('"', eq + 2);
                    value = list.substr(eq + 2, end - eq - 2);
                    end = list.find(',', end);
                } else {
                    end = list.find(',', eq);
                    value = list.substr(eq + 1, end == std::string::npos ? std::string::npos : end - eq - 1);
                }
                pending->attributes[name] = value;
                pos = end == std::string::npos ? list.size() : end + 1;
            }
        } else if (pending && !line.empty() && line[0] != '#') {
            pending->uri = line;
            out.push_back(std::move(*pending));
            pending.reset();
        }
    }
    return out;
}

}  // namespace veche::test
