\set s random(0, 359)
SELECT hostname, usage_user FROM cpu WHERE hostname = 'host_7' AND time = to_timestamp(1451606400 + :s * 10);
