<?php
// Installs a fresh site and seeds it for the real-server suite: an admin, a post with comments in
// every status (approved, held, spam) and a reply, and an application password for Crosstalk.
// Prints JSON with what the tests need.
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
ob_start();
wp_install('Crosstalk Real Blog', 'admin', 'admin@example.com', true, '', 'admin-pass-123');
ob_end_clean();
// Start from an empty blog: no "Hello world!" post, no sample comment.
wp_delete_comment(1, true);
wp_delete_post(1, true);
wp_delete_post(2, true);

$post = wp_insert_post([
  'post_title' => 'Release 2.4 is out',
  'post_content' => '<p>Faster sync and a new export screen.</p>',
  'post_status' => 'publish',
  'post_author' => 1,
]);
$comment = fn($content, $approved, $parent = 0, $name = 'Reader', $minutes = 0) => wp_insert_comment([
  'comment_post_ID' => $post,
  'comment_content' => $content,
  'comment_approved' => $approved,
  'comment_parent' => $parent,
  'comment_author' => $name,
  'comment_author_email' => strtolower($name) . '@example.com',
  'comment_date_gmt' => gmdate('Y-m-d H:i:s', time() - 3600 + $minutes * 60),
  'comment_date' => gmdate('Y-m-d H:i:s', time() - 3600 + $minutes * 60),
]);
$approved = $comment('Love the new export screen!', 1, 0, 'Dana', 1);
$reply = $comment('Thanks Dana!', 1, $approved, 'Admin', 2);
$held = $comment('Is there a Linux build?', 0, 0, 'Sam', 3);
$spam = $comment('Cheap watches http://spam.example', 'spam', 0, 'Spammer', 4);

[$password, $item] = WP_Application_Passwords::create_new_application_password(1, ['name' => 'Crosstalk real-server suite', 'app_id' => '6f4d3c5e-8a1b-4c2d-9e7f-0a1b2c3d4e5f']);
echo json_encode([
  'url' => getenv('WP_URL'),
  'user' => 'admin',
  'password' => $password,
  'uuid' => $item['uuid'],
  'post' => $post,
  'comments' => ['approved' => $approved, 'reply' => $reply, 'held' => $held, 'spam' => $spam],
]);
