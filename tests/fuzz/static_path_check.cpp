#include "fuzz_checks.hpp"

#include "net/request_target.hpp"
#include "net/static_files.hpp"
#include "utf8_decode.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

namespace veche::fuzz {
namespace {

namespace fs = std::filesystem;

// A web root made once per process: a few files, a canary beside it and a link inside it that leads to the canary.
struct fuzz_web_root {
    fs::path dir;
    fs::path canary;
    std::set<std::string> names{"index.html", "moderator.html", "assets/app-1.js", "nested/deep/x.css"};
    std::optional<net::static_files> files;

    fuzz_web_root() {
        auto pattern = (fs::temp_directory_path() / "veche-fuzz-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) std::abort();
        dir = fs::canonical(pattern);
        canary = dir / "canary.txt";
        std::ofstream(canary) << "outside";
        for (const auto& name : names) {
            fs::create_directories((dir / "web" / name).parent_path());
            std::ofstream(dir / "web" / name) << name;
        }
        fs::create_symlink(canary, dir / "web" / "canary.txt");
        fs::create_directory_symlink(dir, dir / "web" / "up");
        files.emplace(net::file_index::scan(dir / "web", "fuzz web root"));
    }
    ~fuzz_web_root() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The raw path's segments, each percent-decoded once, written apart from the code under test.
std::optional<std::vector<std::string>> decode_segments(std::string_view target) {
    auto path = target.substr(0, target.find('?'));
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::vector<std::string> out(1);
    for (std::size_t i = 1; i < path.size(); ++i) {
        if (path[i] == '/') {
            out.emplace_back();
        } else if (path[i] == '%') {
            if (i + 2 >= path.size() || hex(path[i + 1]) < 0 || hex(path[i + 2]) < 0) return std::nullopt;
            out.back().push_back(static_cast<char>(hex(path[i + 1]) * 16 + hex(path[i + 2])));
            i += 2;
        } else {
            out.back().push_back(path[i]);
        }
    }
    if (out.size() == 1 && out.front().empty()) out.clear();
    return out;
}

}  // namespace

problem check_static_path(std::string_view input) {
    static fuzz_web_root root;
    auto parsed = net::request_target::parse(input);
    const auto* target = std::get_if<net::request_target>(&parsed);
    if (!target) return std::nullopt;  // refused: always safe

    const auto expected = decode_segments(input);
    if (!expected) return "a target with a malformed escape was accepted";
    if (*expected != target->segments()) return "the path was not decoded exactly once, segment by segment";
    const auto& segments = target->segments();
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& s = segments[i];
        if (s.empty() && i + 1 != segments.size()) return "an empty segment before the end was accepted";
        if (s == "." || s == "..") return "a dot segment was accepted";
        for (const char c : s)
            if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                return "a segment holds a slash, backslash or control character";
        if (!decode_utf8(s)) return "a segment is not UTF-8";
    }

    std::string key;
    for (const auto& s : segments) key += (key.empty() ? "" : "/") + s;
    if (segments.empty()) key = "index.html";
    else if (segments.size() == 1 && key.find('.') == std::string::npos) key += ".html";
    const auto* file = root.files->find(target->path());
    if (!file) {
        if (root.names.count(key)) return "a file of the web root was not found: " + key;
        return std::nullopt;
    }
    if (file->name() != key) return "the path found another file than it names: " + file->name();
    if (!root.names.count(file->name())) return "a file outside the known set was served: " + file->name();
    const auto inside = (root.dir / "web").string() + "/";
    if (!file->location().string().starts_with(inside) || file->location() == root.canary)
        return "a file outside the web root was served: " + file->location().string();
    return std::nullopt;
}

}  // namespace veche::fuzz
