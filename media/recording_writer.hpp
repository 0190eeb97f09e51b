#pragma once
// Appends a hall's live segments to files under data_dir/recordings/{hall}/,
// one file per take (from the moment the source comes until it is lost),
// named by the take's start in UTC, so a session can be watched again later.
// The slate is not recorded.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace veche::media {

class recording_writer {
public:
    explicit recording_writer(std::filesystem::path dir);

    // Appends to the current take, starting one (a new file) if none is open. Returns false when the
    // bytes could not be written (logged once per take; the stream itself goes on).
    bool append(std::string_view bytes, std::chrono::system_clock::time_point take_start);
    // Ends the take: the next append starts a new file.
    void end_take();

    const std::filesystem::path& current_file() const { return path_; }

private:
    struct file_closer {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };

    std::filesystem::path dir_;
    std::filesystem::path path_;
    std::unique_ptr<std::FILE, file_closer> file_;
    bool failed_ = false;
};

}  // namespace veche::media
