package k8srequireimagedigests

import data.lib.k8s

violation[{"msg": msg, "details": {"container": entry.name, "image": image}}] {
  entry := k8s.containers(input.review.object)[_]
  image := entry.container.image
  not exempt(image, input.parameters.exemptImages)
  not pinned(image)
  msg := sprintf("%s uses image %q, which is not pinned by digest; use <image>@sha256:<64 hex digits>", [
    entry.label,
    image,
  ])
}

pinned(image) {
  regex.match(`@sha256:[a-f0-9]{64}$`, image)
}

pinned(image) {
  regex.match(`@sha512:[a-f0-9]{128}$`, image)
}

exempt(image, prefixes) {
  prefix := prefixes[_]
  startswith(image, prefix)
}
