#include "net/file_response.hpp"

#include "common/log.hpp"
#include "net/byte_range.hpp"
#include "net/file_slice_body.hpp"
#include "net/header_list.hpp"
#include "net/http_responses.hpp"
#include "net/shared_slice_body.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace veche::net {
namespace {

// If-None-Match compares weakly (RFC 9110 section 13.1.2): "W/" does not matter; "*" matches any file.
bool none_match(std::string_view header, std::string_view etag) {
    bool match = false;
    for_each_list_element(header, ",", [&](std::string_view tag) {
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        match = match || tag == "*" || tag == etag;
    });
    return match;
}

// The headers every answer about the file carries, 304 included. File: indexed_file or cached_file.
template <typename Body, typename File>
void set_validators(http::response<Body>& res, const File& file, const file_headers& headers) {
    res.set(http::field::cache_control, headers.cache_control);
    res.set(http::field::etag, file.etag());
    if (headers.vary_encoding) res.set(http::field::vary, headers.vary_origin ? "Accept-Encoding, Origin" : "Accept-Encoding");
    else if (headers.vary_origin) res.set(http::field::vary, "Origin");
    if (!headers.allow_origin.empty()) res.set(http::field::access_control_allow_origin, headers.allow_origin);
}

template <typename Body, typename File>
void set_file_headers(http::response<Body>& res, const File& file, const file_headers& headers,
                      const byte_range* slice) {
    set_validators(res, file, headers);
    res.set(http::field::content_type, headers.mime_type.empty() ? file.mime_type() : headers.mime_type);
    if (headers.coding != content_coding::identity) res.set(http::field::content_encoding, to_string(headers.coding));
    res.set(http::field::accept_ranges, "bytes");
    if (slice)
        res.set(http::field::content_range, "bytes " + std::to_string(slice->first) + '-' +
                                                std::to_string(slice->first + slice->length - 1) + '/' +
                                                std::to_string(file.size()));
}

http::message_generator not_found(const http_request& req) {
    return error_response(req, core::error_code::not_found, "No such file");
}

// Opens the indexed file without following a link put in its place, and only when it is still the same file.
bool open_indexed(const indexed_file& file, boost::beast::file& out) {
    const int fd = ::open(file.location().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !file.is_same_file(st.st_dev, st.st_ino) ||
        static_cast<std::uint64_t>(st.st_size) != file.size()) {
        ::close(fd);
        return false;
    }
    out.native_handle(fd);  // the beast file owns it from here
    return true;
}

// A body of the given type and its value, as respond()'s send_body hands it over.
template <typename Body>
struct body_of {
    using type = Body;
    typename Body::value_type value;
};

// The answer for the file's bytes, once it is known to exist: 304, 416, or the whole or a range of it, from
// the body that send_body makes (`offset`, `length`; nothing: the file is gone, 404).
template <typename File, typename SendBody>
http::message_generator respond(const http_request& req, const File& file, const file_headers& headers,
                                SendBody send_body) {
    if (none_match(req[http::field::if_none_match], file.etag())) {
        http::response<http::empty_body> res{http::status::not_modified, req.version()};
        set_validators(res, file, headers);
        return finish_response(req, std::move(res), headers.policies);
    }

    auto range = parse_byte_range(req[http::field::range], file.size());
    // A range of another version of the file would splice two versions together.
    if (const auto if_range = req[http::field::if_range]; !if_range.empty() && if_range != file.etag())
        range = whole_file{};
    if (std::holds_alternative<unsatisfiable_range>(range)) {
        http::response<http::string_body> res{http::status::range_not_satisfiable, req.version()};
        res.set(http::field::content_range, "bytes */" + std::to_string(file.size()));
        set_validators(res, file, headers);
        res.set(http::field::content_type, "application/json; charset=utf-8");
        res.body() = error_json(core::error_code::bad_request, "Range not satisfiable");
        return finish_response(req, std::move(res), headers.policies);
    }
    const auto* slice = std::get_if<byte_range>(&range);
    const auto offset = slice ? slice->first : 0;
    const auto length = slice ? slice->length : file.size();
    const auto status = slice ? http::status::partial_content : http::status::ok;
    auto body = send_body(offset, length);
    if (!body) return not_found(req);

    if (req.method() == http::verb::head) {
        http::response<http::empty_body> res{status, req.version()};
        set_file_headers(res, file, headers, slice);
        res.keep_alive(req.keep_alive());
        apply_security_headers(res.base(), headers.policies);
        res.content_length(length);
        return http::message_generator(std::move(res));
    }
    using body_type = typename std::remove_cvref_t<decltype(*body)>::type;
    http::response<body_type> res{std::piecewise_construct, std::make_tuple(std::move(body->value)),
                                  std::make_tuple(status, req.version())};
    set_file_headers(res, file, headers, slice);
    return finish_response(req, std::move(res), headers.policies);
}

}  // namespace

http::message_generator file_response(const http_request& req, const indexed_file& file, const file_headers& headers) {
    return respond(req, file, headers, [&](std::uint64_t offset, std::uint64_t length) {
        std::optional<body_of<file_slice_body>> body(std::in_place);
        if (!open_indexed(file, body->value.file)) {
            log::warn("file changed since it was indexed, not served: ", file.name());
            return decltype(body){};
        }
        body->value.offset = offset;
        body->value.length = length;
        return body;
    });
}

http::message_generator file_response(const http_request& req, const cached_file& file, const file_headers& headers) {
    return respond(req, file, headers, [&](std::uint64_t offset, std::uint64_t length) {
        using body = body_of<shared_slice_body>;
        return std::optional<body>(
            body{{file.bytes(), static_cast<std::size_t>(offset), static_cast<std::size_t>(length)}});
    });
}

std::optional<cached_file> read_indexed(const indexed_file& file) {
    boost::beast::file f;
    if (!open_indexed(file, f)) return std::nullopt;
    std::string bytes(static_cast<std::size_t>(file.size()), '\0');
    boost::beast::error_code ec;
    for (std::size_t done = 0; done < bytes.size();) {
        const auto got = f.read(bytes.data() + done, bytes.size() - done, ec);
        if (ec || got == 0) return std::nullopt;  // an error, or the file shrank under us
        done += got;
    }
    return cached_file{std::make_shared<const std::string>(std::move(bytes)), file.etag(), file.mime_type()};
}

}  // namespace veche::net
