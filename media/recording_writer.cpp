#include "media/recording_writer.hpp"

#include "common/log.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>

namespace veche::media {
namespace {

std::string take_name(std::chrono::system_clock::time_point t) {
    const auto secs = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&secs, &utc);
    char name[32];
    std::strftime(name, sizeof name, "%Y%m%dT%H%M%SZ.ts", &utc);
    return name;
}

}  // namespace

recording_writer::recording_writer(std::filesystem::path dir) : dir_(std::move(dir)) {}

bool recording_writer::append(std::string_view bytes, std::chrono::system_clock::time_point take_start) {
    if (failed_) return false;
    if (!file_) {
        std::error_code ec;
        std::filesystem::create_directories(dir_, ec);
        path_ = dir_ / take_name(take_start);
        // Append: a take that starts within the same second as the previous one continues its file.
        file_.reset(std::fopen(path_.c_str(), "ab"));
        if (!file_) {
            log::warn("recording: cannot open ", path_.string(), ": ", std::strerror(errno));
            failed_ = true;
            return false;
        }
    }
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size() || std::fflush(file_.get()) != 0) {
        log::warn("recording: cannot write ", path_.string(), ": ", std::strerror(errno));
        file_.reset();
        failed_ = true;
        return false;
    }
    return true;
}

void recording_writer::end_take() {
    file_.reset();
    failed_ = false;
}

}  // namespace veche::media
