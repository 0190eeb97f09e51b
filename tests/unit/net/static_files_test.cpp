#include "net/static_files.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace veche::net;
using veche::test::temp_dir;
namespace fs = std::filesystem;

namespace {

// A built web client, a canary next to it, and the links a careless deploy could leave inside it.
struct web_root {
    temp_dir dir;
    web_root() {
        dir.write("web/index.html", "<!doctype html>");
        dir.write("web/moderator.html", "<!doctype html>");
        dir.write("web/assets/app-3f2a.js", "console.log(1)");
        dir.write("web/.env", "SECRET=1");
        dir.write("web/.git/config", "[core]");
        dir.write("canary.txt", "outside");
        fs::create_symlink(dir / "canary.txt", dir / "web/canary-link.txt");
        fs::create_symlink("../canary.txt", dir / "web/assets/relative-link.txt");
        fs::create_symlink(dir / "web/assets/app-3f2a.js", dir / "web/inside-link.js");
        fs::create_directory_symlink(dir.path(), dir / "web/up");
        fs::create_symlink("/etc/passwd", dir / "web/passwd");
        fs::create_symlink(dir / "missing", dir / "web/dangling");
    }
    file_index scan() const { return file_index::scan(dir / "web", "web root"); }
};

}  // namespace

TEST_CASE("the index holds the web root's files and nothing that leads outside it") {
    web_root root;
    const auto index = root.scan();
    CHECK(index.find("index.html"));
    CHECK(index.find("moderator.html"));
    REQUIRE(index.find("assets/app-3f2a.js"));
    CHECK(index.find("assets/app-3f2a.js")->size() == 14);
    CHECK(index.find("assets/app-3f2a.js")->mime_type() == "text/javascript; charset=utf-8");
    // A link to a file inside the root is that file.
    REQUIRE(index.find("inside-link.js"));
    CHECK(index.find("inside-link.js")->location() == fs::canonical(root.dir / "web/assets/app-3f2a.js"));
    for (const auto* name : {"canary-link.txt", "assets/relative-link.txt", "up/canary.txt", "passwd", "dangling",
                             ".env", ".git/config", "assets", ""})
        CHECK_FALSE(index.find(name));
    CHECK(index.size() == 4);
    const auto canonical_root = fs::canonical(root.dir / "web").string() + "/";
    for (const auto* name : {"index.html", "moderator.html", "assets/app-3f2a.js", "inside-link.js"})
        CHECK(index.find(name)->location().string().starts_with(canonical_root));
}

TEST_CASE("request paths find files only through the index") {
    web_root root;
    const static_files files(root.scan());
    CHECK(files.has_client());
    CHECK(files.find("/")->name() == "index.html");
    CHECK(files.find("/moderator")->name() == "moderator.html");
    CHECK(files.find("/moderator.html")->name() == "moderator.html");
    CHECK(files.find("/assets/app-3f2a.js"));
    for (const auto* path : {"/speaker", "/assets", "/assets/", "/moderator/", "//etc/passwd", "/etc/passwd",
                             "/../canary.txt", "/canary-link.txt", "/up/canary.txt", "", "index.html"})
        CHECK_FALSE(files.find(path));
}

TEST_CASE("compressed copies of a file are its variants") {
    temp_dir dir;
    dir.write("web/index.html", "<!doctype html>");
    dir.write("web/assets/app.js", "console.log(1)");
    dir.write("web/assets/app.js.br", "BR");
    dir.write("web/assets/app.js.gz", "GZ");
    dir.write("web/assets/only.css.gz", "GZ");
    auto index = file_index::scan(dir / "web", "web root");
    const auto* app = index.find("assets/app.js");
    REQUIRE(app);
    REQUIRE(app->brotli());
    CHECK(app->brotli()->name() == "assets/app.js.br");
    CHECK(app->gzip()->name() == "assets/app.js.gz");
    CHECK(app->brotli()->etag() != app->etag());
    CHECK_FALSE(index.find("assets/only.css.gz")->brotli());
    CHECK_FALSE(index.find("index.html")->gzip());
    // Moving the index keeps the links.
    const static_files files(std::move(index));
    CHECK(files.find("/assets/app.js")->gzip()->name() == "assets/app.js.gz");
}

TEST_CASE("a missing web root is an empty index, not an error") {
    temp_dir dir;
    const static_files files(file_index::scan(dir / "nothing", "web root"));
    CHECK_FALSE(files.has_client());
    CHECK_FALSE(files.find("/"));
}
