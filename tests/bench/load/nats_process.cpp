#include "nats_process.hpp"

#include <cstdlib>
#include <stdexcept>

namespace veche::bench {

nats_process::nats_process() {
    std::string pattern = (std::filesystem::temp_directory_path() / "veche-bench-nats-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temp directory");
    dir_ = pattern;
    try {
        // -p -1: a random free port, read back from the "Listening for client connections" line.
        process_ = std::make_unique<child_process>(
            "nats-server", std::vector<std::string>{"-js", "-a", "127.0.0.1", "-p", "-1", "-sd", dir_.string()},
            std::chrono::seconds(30), R"(Listening for client connections on 127\.0\.0\.1:(\d+))");
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
        throw;
    }
}

nats_process::~nats_process() {
    process_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

}  // namespace veche::bench
