//! Which file a path is, whatever the path: how an output is told apart from the inputs it
//! must never overwrite.

use std::path::{Path, PathBuf};

/// A regular file as the system knows it: its device and inode, whatever the path to it (a
/// link, a second hard link, `./x` or `x`). Two paths with one id are one file, which is how
/// an output is told apart from the inputs it must never overwrite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    /// The id of the regular file `meta` describes (`None` for anything else, and where
    /// files cannot be told apart this way: then no output is ever found to be an input).
    pub fn of_metadata(meta: &std::fs::Metadata) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            meta.is_file().then(|| FileId {
                device: meta.dev(),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }

    /// The regular file `path` leads to (links followed), if it leads to one.
    pub fn of(path: &Path) -> Option<Self> {
        Self::of_metadata(&std::fs::metadata(path).ok()?)
    }

    /// The regular file stdin reads (`< file`), if it reads one.
    pub fn of_stdin() -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
            Self::of_metadata(&std::fs::File::from(fd).metadata().ok()?)
        }
        #[cfg(not(unix))]
        None
    }
}

/// The path of file `id` under `dir`, looking `depth` folders down (links to folders
/// followed, as a pack is read) at files whose name `wanted` accepts.
pub fn find_under(
    dir: &Path,
    depth: usize,
    wanted: &dyn Fn(&Path) -> bool,
    id: FileId,
) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if depth > 0 {
                if let Some(found) = find_under(&path, depth - 1, wanted, id) {
                    return Some(found);
                }
            }
        } else if wanted(&path) && FileId::of(&path) == Some(id) {
            return Some(path);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_is_the_same_whatever_the_path_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "x").unwrap();
        std::fs::hard_link(&file, dir.path().join("b.yaml")).unwrap();
        std::os::unix::fs::symlink("a.yaml", dir.path().join("c.yaml")).unwrap();
        std::fs::write(dir.path().join("d.yaml"), "x").unwrap();
        let id = FileId::of(&file).unwrap();
        assert_eq!(FileId::of(&dir.path().join("b.yaml")), Some(id));
        assert_eq!(FileId::of(&dir.path().join("c.yaml")), Some(id));
        assert_ne!(FileId::of(&dir.path().join("d.yaml")), Some(id));
        assert_eq!(FileId::of(dir.path()), None, "a folder is no file");
        assert_eq!(FileId::of(&dir.path().join("none")), None);
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::hard_link(&file, sub.join("e.yaml")).unwrap();
        let yaml = |p: &Path| p.extension().is_some_and(|e| e == "yaml");
        assert_eq!(find_under(&sub, 0, &yaml, id), Some(sub.join("e.yaml")));
        assert_eq!(find_under(&sub, 0, &|_| false, id), None);
    }
}
