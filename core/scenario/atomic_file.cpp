#include "core/scenario/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/scenario/input_limits.hpp"

namespace paxoslab {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int e) { return std::strerror(e); }

/// Writes all of `data` to `fd`. Returns false on error (errno set).
bool write_all(int fd, std::string_view data) {
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

/// Renames `from` to `to` unless `to` exists (atomically where the kernel
/// supports it). Returns 0 or an errno value.
int rename_no_replace(const std::string& from, const std::string& to) {
#ifdef RENAME_NOREPLACE
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return errno;
#endif
  std::error_code ec;
  if (fs::exists(fs::symlink_status(to, ec))) return EEXIST;
  return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

}  // namespace

std::string write_file_atomically(const std::string& path, std::string_view data,
                                  const std::function<void()>& before_rename) {
  if (path.empty()) return "no file path";
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return "cannot create the directory " + dir.string() + ": " + ec.message();
  const std::string tmpl = (dir / (target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return "cannot create a temporary file in " + dir.string() + ": " + errno_text(errno);
  const std::string tmp(name.data());
  std::string error;
  // mkstemp makes the file private (0600); a replaced file keeps its mode,
  // a new one gets the usual rw-r--r--.
  struct stat old_file {};
  const mode_t mode = ::stat(path.c_str(), &old_file) == 0 ? (old_file.st_mode & 07777) : 0644;
  if (::fchmod(fd, mode) != 0) error = "cannot set the mode of " + tmp + ": " + errno_text(errno);
  if (error.empty() && !write_all(fd, data)) error = "cannot write " + tmp + ": " + errno_text(errno);
  if (error.empty() && ::fsync(fd) != 0) error = "cannot flush " + tmp + " to disk: " + errno_text(errno);
  if (::close(fd) != 0 && error.empty()) error = "cannot close " + tmp + ": " + errno_text(errno);
  if (error.empty() && before_rename) before_rename();
  if (error.empty() && ::rename(tmp.c_str(), path.c_str()) != 0)
    error = "cannot rename " + tmp + " to " + path + ": " + errno_text(errno);
  if (!error.empty()) {
    ::unlink(tmp.c_str());
    return error;
  }
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);  // make the rename durable
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

std::string keep_aside(const std::string& path, std::string& kept_as) {
  int last = 0;
  for (int n = 1; n < 1000; ++n) {
    const std::string candidate = path + ".bad-" + std::to_string(n);
    last = rename_no_replace(path, candidate);
    if (last == 0) {
      kept_as = candidate;
      return {};
    }
    if (last != EEXIST && last != ENOTEMPTY) break;
  }
  return "cannot rename " + path + " to keep it: " + errno_text(last);
}

std::optional<std::string> read_user_file(const std::string& path, std::string_view what, std::string& warning) {
  std::error_code ec;
  if (path.empty() || !fs::exists(fs::symlink_status(path, ec))) return std::nullopt;
  LoadError error;
  if (auto text = read_bounded_file(path, kMaxUserDataFileBytes, what, error)) return text;
  std::string kept_as;
  const std::string moved = keep_aside(path, kept_as);
  warning = "the " + std::string(what) + " " + path + " cannot be read (" + error.message + "); " +
            (moved.empty() ? "kept it as " + kept_as + " and started with defaults"
                           : "started with defaults (" + moved + ")");
  return std::nullopt;
}

}  // namespace paxoslab
