#include "bench_tools.hpp"

#include <arpa/inet.h>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace veche::bench {
namespace {

constexpr std::size_t packet_size = 188;

}  // namespace

double seconds_since(clock_type::time_point t0, clock_type::time_point t) {
    return std::chrono::duration<double>(t - t0).count();
}

double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string f;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
        if (i == 14) utime = std::stod(f);
        if (i == 15) stime = std::stod(f);
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int count_frames(const std::string& ts) {
    int n = 0;
    for (std::size_t at = 0; at + packet_size <= ts.size(); at += packet_size) {
        const auto* p = reinterpret_cast<const unsigned char*>(ts.data() + at);
        if (p[0] != 0x47 || !(p[1] & 0x40) || !(p[3] & 0x10)) continue;
        std::size_t payload = 4;
        if (p[3] & 0x20) payload = 5 + p[4];
        if (payload + 4 <= packet_size && p[payload] == 0 && p[payload + 1] == 0 && p[payload + 2] == 1 &&
            p[payload + 3] == 0xE0)
            ++n;
    }
    return n;
}

std::vector<clock_type::time_point> send_paced(const std::string& ts, std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::vector<clock_type::time_point> frame_sent;
    const auto t0 = clock_type::now();
    long long pcr0 = -1;
    for (std::size_t at = 0; at + packet_size <= ts.size(); at += 7 * packet_size) {
        const auto n = std::min<std::size_t>(7 * packet_size, ts.size() - at);
        int frames = 0;
        for (std::size_t k = 0; k < n; k += packet_size) {
            const auto* p = reinterpret_cast<const unsigned char*>(ts.data() + at + k);
            if ((p[3] & 0x20) && p[4] >= 7 && (p[5] & 0x10)) {
                const long long base = (static_cast<long long>(p[6]) << 25) | (p[7] << 17) | (p[8] << 9) | (p[9] << 1) |
                                       (p[10] >> 7);
                if (pcr0 < 0) pcr0 = base;
                std::this_thread::sleep_until(t0 + std::chrono::microseconds((base - pcr0) * 1000 / 90));
            }
            frames += count_frames(std::string(reinterpret_cast<const char*>(p), packet_size));
        }
        ::sendto(fd, ts.data() + at, n, 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
        const auto now = clock_type::now();
        for (int i = 0; i < frames; ++i) frame_sent.push_back(now);
    }
    ::close(fd);
    return frame_sent;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool encode_input(const std::filesystem::path& file, int seconds) {
    const auto command = "ffmpeg -v error -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i "
                         "sine=frequency=440:sample_rate=48000 -t " + std::to_string(seconds) +
                         " -c:v libx264 -preset veryfast -tune zerolatency -g 30 -keyint_min 30 -sc_threshold 0 "
                         "-b:v 2500k -maxrate 2500k -bufsize 1250k -c:a aac -f mpegts '" + file.string() + "'";
    return std::system(command.c_str()) == 0;
}

double quantile(const std::vector<double>& sorted, double q) {
    return sorted.empty() ? 0.0 : sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
}

}  // namespace veche::bench
