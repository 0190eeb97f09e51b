#include "net/file_index.hpp"

#include "common/log.hpp"
#include "net/mime_types.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <system_error>

namespace veche::net {
namespace fs = std::filesystem;
namespace {

bool is_inside(const fs::path& root, const fs::path& p) {
    const auto [r, q] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
    return r == root.end() && q != p.end();
}

bool is_hidden(const fs::path& relative) {
    return std::any_of(relative.begin(), relative.end(),
                       [](const fs::path& part) { return part.native().starts_with('.'); });
}

std::string etag_of(const struct stat& st) {
    return "\"" + std::to_string(st.st_size) + '-' + std::to_string(st.st_mtim.tv_sec) + '-' +
           std::to_string(st.st_mtim.tv_nsec / 1000) + "\"";
}

}  // namespace

file_index file_index::scan(const fs::path& root, std::string_view what, limits lim) {
    file_index index;
    index.root_ = root;
    std::error_code ec;
    const auto canonical_root = fs::canonical(root, ec);
    if (ec || !fs::is_directory(canonical_root, ec)) {
        log::warn(what, ": ", root.string(), " is not a directory: no files are served from it");
        return index;
    }
    log::info("indexing the ", what, " ", canonical_root.string());
    fs::recursive_directory_iterator it(canonical_root, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        const auto& entry = *it;
        const auto relative = entry.path().lexically_relative(canonical_root);
        if (is_hidden(relative)) {
            it.disable_recursion_pending();
            continue;
        }
        std::error_code type_ec;
        const auto status = entry.symlink_status(type_ec);
        if (type_ec) continue;
        if (fs::is_directory(status)) {
            if (it.depth() + 1 >= lim.max_depth) {
                log::warn(what, ": not indexing below ", relative.string(), ": deeper than ", lim.max_depth, " levels");
                it.disable_recursion_pending();
            }
            continue;
        }
        if (index.files_.size() >= lim.max_files) {
            log::warn(what, ": more than ", lim.max_files, " files; the rest are not served");
            break;
        }
        if (fs::is_regular_file(status)) {
            index.add(relative, entry.path(), canonical_root, what);
        } else if (fs::is_symlink(status)) {
            std::error_code link_ec;
            const auto target = fs::canonical(entry.path(), link_ec);
            if (link_ec)
                log::warn(what, ": skipping ", relative.string(), ": a link to nothing");
            else if (!is_inside(canonical_root, target))
                log::warn(what, ": skipping ", relative.string(), ": a link that leads outside it");
            else if (!fs::is_regular_file(target, link_ec))
                log::warn(what, ": skipping ", relative.string(), ": a link to something other than a file");
            else
                index.add(relative, target, canonical_root, what);
        } else {
            log::warn(what, ": skipping ", relative.string(), ": not a regular file");
        }
    }
    if (ec) log::warn(what, ": stopped indexing: ", ec.message());
    std::uint64_t bytes = 0;
    std::size_t compressed = 0;
    for (auto& [name, file] : index.files_) {
        bytes += file.size();
        // std::map never moves its nodes: the pointers stay good for the index's life.
        file.brotli_ = index.find(name + ".br");
        file.gzip_ = index.find(name + ".gz");
        compressed += (file.brotli_ ? 1 : 0) + (file.gzip_ ? 1 : 0);
    }
    log::info(what, ": ", index.files_.size(), " files, ", bytes / 1024, " KiB, ", compressed,
              " of them compressed copies");
    return index;
}

void file_index::add(const fs::path& relative, const fs::path& location, const fs::path& canonical_root,
                     std::string_view what) {
    struct stat st {};
    if (::stat(location.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || !is_inside(canonical_root, location)) {
        log::warn(what, ": skipping ", relative.string(), ": cannot read it");
        return;
    }
    indexed_file file;
    file.name_ = relative.generic_string();
    file.location_ = location;
    file.size_ = static_cast<std::uint64_t>(st.st_size);
    file.etag_ = etag_of(st);
    file.mime_type_ = mime_type_for(file.name_);
    file.device_ = st.st_dev;
    file.inode_ = st.st_ino;
    files_.emplace(file.name_, std::move(file));
}

std::optional<indexed_file> file_index::entry(const fs::path& root, const fs::path& location) {
    std::error_code ec;
    const auto canonical_root = fs::canonical(root, ec);
    if (ec) return std::nullopt;
    const auto parent = fs::canonical(location.parent_path(), ec);
    struct stat st {};
    if (ec || !is_inside(canonical_root, parent / location.filename()) || ::lstat(location.c_str(), &st) != 0 ||
        !S_ISREG(st.st_mode))
        return std::nullopt;
    indexed_file file;
    file.name_ = location.filename().string();
    file.location_ = parent / location.filename();
    file.size_ = static_cast<std::uint64_t>(st.st_size);
    file.etag_ = etag_of(st);
    file.mime_type_ = mime_type_for(file.name_);
    file.device_ = st.st_dev;
    file.inode_ = st.st_ino;
    return file;
}

const indexed_file* file_index::find(std::string_view name) const {
    const auto it = files_.find(name);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace veche::net
